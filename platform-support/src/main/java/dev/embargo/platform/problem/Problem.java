package dev.embargo.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code type} is a stable URN per kind of error ({@code urn:embargo:problem:…});
 * {@code detail} is written by the server and never repeats the caller's input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:embargo:problem:";

    public static Problem of(String kind, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, Map.of());
    }

    public Problem with(String name, Object value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
