package dev.embargo.notification.mail;

import java.util.regex.Pattern;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/** The one place that decides whether a value may reach an email header: no CR, LF or other control characters. */
public final class MailHeaders {

    // Deliberately narrow: one local part, one domain, nothing a header parser could read as a second address.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>(),;:\"\\\\\\[\\]]{1,64}@[A-Za-z0-9.-]{1,253}");

    private MailHeaders() {
    }

    public static boolean hasControlCharacters(String value) {
        return value != null
                && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029);
    }

    public static boolean isSafeAddress(String address) {
        return address != null && !hasControlCharacters(address) && ADDRESS.matcher(address).matches();
    }

    /** For API input: refuses header-injection characters with a problem that does not echo the value. */
    public static void refuseInjection(String field, String value) {
        if (hasControlCharacters(value)) {
            throw new ProblemException(Problem
                    .of("header-injection", 400, "Invalid request",
                            "A value that would reach an email header contains line breaks or control characters.")
                    .with("field", field));
        }
    }
}
