package dev.embargo.portal.web;

/** How a form's text reaches a service: trimmed, and an empty field is an absent one. */
public final class Forms {

    private Forms() {
    }

    /** The text trimmed; null when it is null or blank. */
    public static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The text trimmed; null stays null, blank stays empty (the service says whether it may be). */
    public static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
