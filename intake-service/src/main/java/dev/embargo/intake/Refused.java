package dev.embargo.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way intake's domain says no: a lookup found nothing the caller may see, or a rule refused a change. It names
 * the rule ({@code kind}, the stable problem type) and the kind of refusal; {@link RefusedMapper} at the edge turns it
 * into today's problem+json with its status. Details never quote the caller's input.
 */
public final class Refused extends RuntimeException {

    /** What sort of no it is; the edge maps each to one HTTP status. */
    public enum Why {
        /** Nothing there the caller may see; a stranger cannot tell it from nothing at all. */
        UNKNOWN,
        /** The caller may not do this. */
        NOT_ALLOWED,
        /** The state of things does not allow it now. */
        CONFLICT,
        /** What was sent cannot be taken as it is; the sender can fix it. */
        UNACCEPTABLE
    }

    private final Why why;
    private final String kind;
    private final String title;
    private final String detail;
    private final Map<String, Object> details;

    private Refused(Why why, String kind, String title, String detail, Map<String, Object> details) {
        super(title, null, false, false);
        this.why = why;
        this.kind = kind;
        this.title = title;
        this.detail = detail;
        this.details = details;
    }

    public Refused(Why why, String kind, String title, String detail) {
        this(why, kind, title, detail, Map.of());
    }

    /** Nothing there, or nothing the caller may see: the same answer either way. */
    public static Refused notFound() {
        return new Refused(Why.UNKNOWN, "not-found", "Not found", "No such resource, or you may not see it.");
    }

    public static Refused notAllowed(String kind, String detail) {
        return new Refused(Why.NOT_ALLOWED, kind, "Forbidden", detail);
    }

    public static Refused conflict(String kind, String detail) {
        return new Refused(Why.CONFLICT, kind, "Conflict", detail);
    }

    /** The same refusal with one more member in its answer (codes and lists, never the caller's text). */
    public Refused with(String name, Object value) {
        var more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new Refused(why, kind, title, detail, more);
    }

    public Why why() {
        return why;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> details() {
        return details;
    }
}
