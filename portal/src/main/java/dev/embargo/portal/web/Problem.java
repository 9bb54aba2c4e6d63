package dev.embargo.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a service answered when it refused a call, as a page shows it: its status, its stable problem {@code type}, its
 * title and detail (written by the service for people, never echoing input) and, for validation problems, the fields.
 */
public record Problem(int status, String type, String title, String detail, Map<String, String> fields,
        List<String> missingFields, List<String> reasons) {

    /** Not found, and not allowed to see: the same answer, so a URL tells nobody whether the case exists. */
    public boolean missing() {
        return status == 404 || status == 403;
    }

    /** A concurrent edit: the version the form was opened with is not the current one any more. */
    public boolean conflict() {
        return status == 409 && "concurrent-edit".equals(kind());
    }

    /** A refusal the portal itself found before calling a service (a form that is not even well-formed). */
    public static Problem validation(String detail) {
        return new Problem(422, "urn:embargo:problem:validation", "Invalid input", detail, Map.of(), List.of(),
                List.of());
    }

    public static Problem of(Throwable t) {
        if (t instanceof WebApplicationException w && w.getResponse() != null) {
            return of(w.getResponse());
        }
        if (t instanceof ProcessingException) {
            return new Problem(503, "urn:embargo:problem:unavailable", "Service unavailable",
                    "A platform service did not answer. Try again in a moment.", Map.of(), List.of(), List.of());
        }
        return new Problem(500, "urn:embargo:problem:internal", "Something went wrong",
                "The page could not be shown. Try again in a moment.", Map.of(), List.of(), List.of());
    }

    static Problem of(Response r) {
        String type = null;
        String title = null;
        String detail = null;
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        try {
            if (r.hasEntity()) {
                r.bufferEntity();
                // read by the REST client's own Jackson (the service's one ObjectMapper)
                JsonNode body = r.readEntity(JsonNode.class);
                type = text(body, "type");
                title = text(body, "title");
                detail = text(body, "detail");
                texts(body.get("missingFields"), missing);
                texts(body.get("reasons"), reasons);
                for (String key : List.of("errors", "violations", "fields")) {
                    JsonNode list = body.get(key);
                    if (list != null && list.isArray()) {
                        list.forEach(e -> fields.put(firstText(e, "field", "path", "pointer", "name"),
                                firstText(e, "message", "detail", "reason")));
                    } else if (list != null && list.isObject()) {
                        list.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
                    }
                }
            }
        } catch (Exception e) {
            // not problem+json: the status alone speaks
        }
        int status = r.getStatus();
        if (title == null) {
            title = status == 404 || status == 403 ? "Not found" : "The request was refused";
        }
        return new Problem(status, type, title, detail, fields, missing, reasons);
    }

    /** The kind of problem: the last part of its type ("urn:embargo:problem:missing-fields" → "missing-fields"). */
    public String kind() {
        return type == null ? "" : type.substring(type.lastIndexOf(':') + 1);
    }

    private static void texts(JsonNode list, List<String> into) {
        if (list != null && list.isArray()) {
            list.forEach(e -> into.add(e.asText()));
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n == null ? null : n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            String v = text(n, k);
            if (v != null) {
                return v;
            }
        }
        return "";
    }
}
