package dev.embargo.intake.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.Refused;

/**
 * Reads, validates and writes policy documents. Validation is by JSON Schema ({@code policy.schema.json}) plus the few
 * checks a schema cannot express (a real time zone); problems name the failing location and rule, never the value.
 */
@ApplicationScoped
public class PolicyDocuments {

    /** The example policies shipped in {@code policies/<slug>.json}, alphabetical. */
    public static final List<String> EXAMPLES = List.of("fim", "open-webui", "openpanel", "panelorca", "pod");

    // The service's mapper, read strictly: a policy with a member the schema does not know is refused, not trimmed.
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final JsonSchema schema;

    public PolicyDocuments(ObjectMapper json) {
        reader = json.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        writer = json.writer().without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try (InputStream in = PolicyDocuments.class.getResourceAsStream("/policy.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a document an owner wants to publish; 422 listing each violation when it is not a valid policy. */
    public SecurityPolicy parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw invalid(List.of(Map.of("location", "$", "rule", "type", "message", "must be a JSON object")));
        }
        List<Map<String, String>> violations = new ArrayList<>();
        schema.validate(document).stream().sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                .forEach(m -> violations.add(violation(m)));
        JsonNode zone = document.path("sla").path("timeZone");
        if (violations.isEmpty() && zone.isTextual()) {
            try {
                ZoneId.of(zone.asText());
            } catch (DateTimeException e) {
                violations.add(Map.of("location", "$.sla.timeZone", "rule", "time-zone", "message",
                        "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        violations.addAll(controlCharacters(document));
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        try {
            return reader.treeToValue(document, SecurityPolicy.class);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(Map.of("location", "$", "rule", "shape", "message", "does not map to a policy")));
        }
    }

    public SecurityPolicy read(String json) {
        try {
            return reader.forType(SecurityPolicy.class).readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored policy document does not parse");
        }
    }

    public String write(SecurityPolicy policy) {
        try {
            return writer.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy does not serialise");
        }
    }

    /** One of the shipped example policies, validated like any published one. */
    public SecurityPolicy example(String slug) {
        if (!EXAMPLES.contains(slug)) {
            throw new IllegalArgumentException("no example policy " + slug);
        }
        try (InputStream in = PolicyDocuments.class.getResourceAsStream("/policies/" + slug + ".json")) {
            return parse(reader.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Values that become a line of security.txt (channel addresses, the policy URL, languages) must be one clean line:
     * a line break would add a field of the attacker's choosing (e.g. {@code Encryption:}), other control characters
     * have no place in a header-like line. The schema's patterns cannot say "no control character" for all of them.
     */
    private static List<Map<String, String>> controlCharacters(JsonNode document) {
        List<Map<String, String>> found = new ArrayList<>();
        BiConsumer<String, JsonNode> check = (location, value) -> {
            if (value != null && value.isTextual() && value.asText().chars().anyMatch(Character::isISOControl)) {
                found.add(Map.of("location", location, "rule", "control-characters", "message",
                        "must be a single line without control characters"));
            }
        };
        check.accept("$.policyUrl", document.get("policyUrl"));
        JsonNode channels = document.path("channels");
        for (int i = 0; i < channels.size(); i++) {
            check.accept("$.channels[" + i + "].address", channels.get(i).get("address"));
            check.accept("$.channels[" + i + "].kind", channels.get(i).get("kind"));
        }
        JsonNode languages = document.path("preferredLanguages");
        for (int i = 0; i < languages.size(); i++) {
            check.accept("$.preferredLanguages[" + i + "]", languages.get(i));
        }
        return found;
    }

    private static Map<String, String> violation(ValidationMessage m) {
        // Fixed texts per rule: validator messages may quote the document (property names, values).
        String rule = String.valueOf(m.getType());
        String location = m.getInstanceLocation().toString();
        String message = switch (rule) {
        case "required" -> "missing required member " + m.getProperty();
        case "additionalProperties" -> "has a member the policy schema does not define";
        case "type" -> "has the wrong type";
        case "enum" -> "is not one of the allowed values";
        case "pattern" -> "does not have the required format";
        case "format" -> "is not in the required format";
        case "minLength", "minItems", "minimum", "exclusiveMinimum" -> "is too small or too short";
        case "maxLength", "maxItems", "maximum", "exclusiveMaximum" -> "is too large or too long";
        case "uniqueItems" -> "has duplicate items";
        case "anyOf" -> "matches none of the allowed shapes";
        default -> "violates rule " + rule;
        };
        if (rule.equals("required") && m.getProperty() != null) {
            location = location + "." + m.getProperty();
        }
        return Map.of("location", location, "rule", rule, "message", message);
    }

    private static Refused invalid(List<Map<String, String>> violations) {
        return new Refused(Refused.Why.UNACCEPTABLE, "invalid-policy", "Invalid policy",
                "The policy document does not satisfy the policy schema.").with("violations", violations);
    }
}
