package dev.embargo.portal.reporter;

import static dev.embargo.portal.web.Forms.blank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.embargo.portal.services.Json;
import dev.embargo.portal.web.Problem;

/**
 * What a reporter typed into a project's form, kept to show it again when the gate refuses it, and the gate's reasons
 * placed next to the fields they are about. The rules are the gate's: the portal only says where each answer belongs.
 */
public record ReportForm(Map<String, String> values, Map<String, String> errors, String formError) {

    static final List<String> FIELDS = List.of("title", "component", "versionTested", "description", "impact",
            "stepsToReproduce", "proofOfConcept", "suggestedFix", "cvssVector", "cweIds", "reporterEmail",
            "creditVisibility", "creditName", "creditHandle", "creditLink");

    public static ReportForm empty() {
        return new ReportForm(Map.of(), Map.of(), null);
    }

    static ReportForm of(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if ((FIELDS.contains(k) || k.startsWith("extra.")) && !v.isEmpty() && v.get(0) != null) {
                values.put(k, v.get(0));
            }
        });
        return new ReportForm(values, Map.of(), null);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || formError != null;
    }

    /** The body of intake's submission API. */
    Json body() {
        List<String> cwes = new ArrayList<>();
        for (String part : value("cweIds").split("[,\\s]+")) {
            if (!part.isBlank()) {
                cwes.add(part.strip().toUpperCase(Locale.ROOT));
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("extra.") && !v.isBlank()) {
                extra.put(k.substring(6), v);
            }
        });
        Json credit = null;
        if (!value("creditVisibility").isBlank()) {
            credit = Json.of("visibility", value("creditVisibility"), "name", blank(value("creditName")), "handle",
                    blank(value("creditHandle")), "link", blank(value("creditLink")));
        }
        return Json.of("title", value("title"), "component", blank(value("component")), "versionTested",
                blank(value("versionTested")), "description", blank(value("description")), "impact",
                blank(value("impact")), "stepsToReproduce", blank(value("stepsToReproduce")), "proofOfConcept",
                blank(value("proofOfConcept")), "suggestedFix", blank(value("suggestedFix")), "cvssVector",
                blank(value("cvssVector")), "cweIds", cwes.isEmpty() ? null : cwes, "reporterEmail",
                blank(value("reporterEmail")), "credit", credit, "extraFields", extra.isEmpty() ? null : extra);
    }

    /** The same form with the gate's refusal placed next to the fields it names. */
    ReportForm refusedWith(Problem p) {
        Map<String, String> errors = new LinkedHashMap<>();
        String required = "Required by this project's policy.";
        p.missingFields()
                .forEach(f -> errors.put(f.startsWith("extraFields.") ? "extra." + f.substring(12) : f, required));
        for (String reason : p.reasons()) {
            switch (reason) {
            case "description-too-short" -> errors.put("description",
                    "Too short for this project's policy: describe the issue in more detail.");
            case "proof-of-concept-missing" -> errors.put("proofOfConcept",
                    "This project's policy asks for a proof of concept.");
            case "patch-missing" -> errors.put("suggestedFix", "This project's policy asks for a suggested fix.");
            default -> {
                if (p.kind().equals("unknown-extra-field")) {
                    errors.put("extra." + reason, "This project's policy does not ask for this field.");
                }
            }
            }
        }
        switch (p.kind()) {
        case "unsupported-version" -> errors.put("versionTested", p.detail());
        case "invalid-cvss" -> errors.put("cvssVector", p.detail());
        default -> {
        }
        }
        p.fields().forEach((field, message) -> errors.put(formField(field), message));
        String formError = errors.isEmpty() || p.kind().equals("low-effort") ? p.detail() : null;
        if (formError == null && !errors.isEmpty()) {
            formError = "The report was not sent: " + (p.detail() == null ? "see the marked fields." : p.detail());
        }
        return new ReportForm(values, errors, formError);
    }

    private static String formField(String apiField) {
        return switch (apiField) {
        case "credit.name" -> "creditName";
        case "credit.handle" -> "creditHandle";
        case "credit.link" -> "creditLink";
        case "credit.visibility" -> "creditVisibility";
        default -> apiField.startsWith("cweIds") ? "cweIds"
                : apiField.startsWith("extraFields") ? "extra." + extraField(apiField) : apiField;
        };
    }

    /** The answer's id in "extraFields.x" or, as the validator names a map value, "extraFields[x].<map value>". */
    private static String extraField(String apiField) {
        int open = apiField.indexOf('[');
        int close = apiField.indexOf(']', open + 1);
        if (open == "extraFields".length() && close > open) {
            return apiField.substring(open + 1, close);
        }
        return apiField.substring(apiField.indexOf('.') + 1);
    }

}
