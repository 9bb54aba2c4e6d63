package dev.embargo.portal.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import dev.embargo.portal.services.Json;
import dev.embargo.portal.web.Problem;

/** Where the gate's refusals land on the reporter's form, and the submission body the form makes. */
class ReportFormTest {

    private static final String REQUIRED = "Required by this project's policy.";

    private static ReportForm form(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new ReportForm(values, Map.of(), null);
    }

    private static Problem problem(String kind, String detail, Map<String, String> fields, List<String> missing,
            List<String> reasons) {
        return new Problem(kind.equals("validation") ? 400 : 422, "urn:embargo:problem:" + kind, "Report refused",
                detail, fields, missing, reasons);
    }

    @Test
    void missingFieldsAreMarkedRequiredEachWhereItBelongs() {
        var f = form("title", "XSS")
                .refusedWith(problem("missing-fields", "The project's policy requires the listed fields.", Map.of(),
                        List.of("impact", "stepsToReproduce", "extraFields.affectedUrl"), List.of()));
        assertEquals(Map.of("impact", REQUIRED, "stepsToReproduce", REQUIRED, "extra.affectedUrl", REQUIRED),
                f.errors());
        assertEquals(REQUIRED, f.error("extra.affectedUrl"));
        assertNull(f.error("title"));
        assertTrue(f.hasErrors());
        assertTrue(f.formError().startsWith("The report was not sent"), f.formError());
        // What the reporter typed is kept.
        assertEquals("XSS", f.value("title"));
    }

    @Test
    void lowEffortReasonsLandOnTheirFields() {
        var f = form().refusedWith(problem("low-effort",
                "The report does not meet the project's minimum quality rules; see reasons.", Map.of(),
                List.of("impact"), List.of("description-too-short", "proof-of-concept-missing", "patch-missing")));
        assertEquals(List.of("impact", "description", "proofOfConcept", "suggestedFix"),
                List.copyOf(f.errors().keySet()));
        assertEquals(REQUIRED, f.error("impact"));
        assertTrue(f.error("description").startsWith("Too short"), f.error("description"));
        assertTrue(f.error("proofOfConcept").contains("proof of concept"));
        assertTrue(f.error("suggestedFix").contains("suggested fix"));
        assertEquals("The report does not meet the project's minimum quality rules; see reasons.", f.formError());
    }

    @Test
    void anUnsupportedVersionAndAnInvalidVectorLandOnTheirFields() {
        String versionDetail = "The version tested is not supported under the project's policy.";
        var v = form("versionTested", "0.1").refusedWith(
                problem("unsupported-version", versionDetail, Map.of(), List.of(), List.of("unsupported-version")));
        assertEquals(Map.of("versionTested", versionDetail), v.errors());
        String cvssDetail = "cvssVector must be a complete CVSS v3.1 or v4.0 vector string.";
        var c = form("cvssVector", "CVSS:3.1/AV:N")
                .refusedWith(problem("invalid-cvss", cvssDetail, Map.of(), List.of(), List.of()));
        assertEquals(Map.of("cvssVector", cvssDetail), c.errors());
        assertEquals("The report was not sent: " + cvssDetail, c.formError());
    }

    @Test
    void unknownExtraFieldsAreNamed() {
        var f = form().refusedWith(problem("unknown-extra-field", "see reasons", Map.of(), List.of(), List.of("foo")));
        assertEquals(Map.of("extra.foo", "This project's policy does not ask for this field."), f.errors());
    }

    @Test
    void validationViolationsLandOnTheFormsFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("credit.name", "size must be between 0 and 200");
        fields.put("credit.handle", "too long");
        fields.put("credit.link", "must match");
        fields.put("credit.visibility", "must not be null");
        fields.put("cweIds[0].<list element>", "must match \"CWE-[0-9]+\"");
        fields.put("title", "must not be blank");
        fields.put("extraFields.affectedUrl", "too long");
        // As intake's validator names a value of the extra fields' map.
        fields.put("extraFields[fileOrEndpoint].<map value>", "size must be between 0 and 5000");
        var f = form()
                .refusedWith(problem("validation", "The request has invalid fields.", fields, List.of(), List.of()));
        assertEquals(Map.of("creditName", "size must be between 0 and 200", "creditHandle", "too long", "creditLink",
                "must match", "creditVisibility", "must not be null", "cweIds", "must match \"CWE-[0-9]+\"", "title",
                "must not be blank", "extra.affectedUrl", "too long", "extra.fileOrEndpoint",
                "size must be between 0 and 5000"), f.errors());
        assertEquals("The report was not sent: The request has invalid fields.", f.formError());
    }

    @Test
    void aRefusalWithoutFieldsIsAFormError() {
        var f = form("title", "x")
                .refusedWith(problem("channel-not-accepted", "Only by mail.", Map.of(), List.of(), List.of()));
        assertEquals(Map.of(), f.errors());
        assertEquals("Only by mail.", f.formError());
        assertTrue(f.hasErrors());
        assertFalse(ReportForm.empty().hasErrors());
    }

    @Test
    void theBodyLeavesBlanksOutAndSplitsTheCwes() {
        Json body = form("title", "SQL injection", "component", "  ", "versionTested", " 1.2.3 ", "description",
                "The export endpoint", "impact", "", "cweIds", "cwe-89, CWE-79  cwe-20,,", "reporterEmail", " ",
                "creditVisibility", "", "creditName", "Ada").body();
        assertEquals("SQL injection", body.get("title"));
        assertEquals("1.2.3", body.get("versionTested"));
        assertEquals("The export endpoint", body.get("description"));
        assertEquals(List.of("CWE-89", "CWE-79", "CWE-20"), body.get("cweIds"));
        for (String absent : List.of("component", "impact", "stepsToReproduce", "proofOfConcept", "suggestedFix",
                "cvssVector", "reporterEmail", "credit", "extraFields")) {
            assertFalse(body.containsKey(absent), absent + " in " + body);
        }
    }

    @Test
    void creditOnlyWhenAVisibilityIsChosen() {
        Json none = form("title", "t", "creditName", "Ada", "creditHandle", "ada").body();
        assertFalse(none.containsKey("credit"), none.toString());
        Json body = form("title", "t", "creditVisibility", "PUBLIC", "creditName", " Ada Lovelace ", "creditHandle", "",
                "creditLink", "https://ada.example").body();
        assertEquals(Map.of("visibility", "PUBLIC", "name", "Ada Lovelace", "link", "https://ada.example"),
                body.get("credit"));
        Json anonymous = form("title", "t", "creditVisibility", "ANONYMOUS").body();
        assertEquals(Map.of("visibility", "ANONYMOUS"), anonymous.get("credit"));
    }

    @Test
    void extraAnswersBecomeExtraFields() {
        Json body = form("title", "t", "extra.affectedUrl", "https://app.example/x", "extra.empty", "  ").body();
        assertEquals(Map.of("affectedUrl", "https://app.example/x"), body.get("extraFields"));
        assertFalse(body.containsKey("extra.affectedUrl"));
        assertNull(body.get("cweIds"));
    }

    @Test
    void onlyTheFormsFieldsAreTakenFromThePost() {
        var post = new MultivaluedHashMap<String, String>();
        post.add("title", "t");
        post.add("extra.affectedUrl", "u");
        post.add("_csrf", "token");
        post.add("reportToken", "injected");
        var f = ReportForm.of(post);
        assertEquals(Map.of("title", "t", "extra.affectedUrl", "u"), f.values());
        assertNotNull(f.body());
    }
}
