package dev.embargo.notification.routing;

import java.util.Locale;

/**
 * The closed vocabularies of case and SLA events, as routing reads them. Translated from the contract's text at the
 * edge ({@link NotificationEvents}), so routing compares values, never strings.
 */
final class CaseTerms {

    private CaseTerms() {
    }

    /** Which thread a message was posted to. */
    enum Visibility {
        REPORTER, INTERNAL
    }

    /** Who wrote a message. */
    enum AuthorKind {
        MAINTAINER, REPORTER
    }

    /** An SLA milestone; shown in lower case in mails, as named in webhooks. */
    enum Milestone {
        ACKNOWLEDGE, ASSESS, FIX, DISCLOSE;

        String shown() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a case was closed. */
    enum Resolution {
        DUPLICATE, OUT_OF_SCOPE, INFORMATIVE, NOT_APPLICABLE, SPAM, WONT_FIX, MOVED_PUBLIC, WITHDRAWN;

        String shown() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Reads a contract value, whether the contract carries it as text or as an enum of the same names. */
    static <E extends Enum<E>> E read(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, value.toString());
    }
}
