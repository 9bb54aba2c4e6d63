package dev.embargo.credits.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The only links the hall of fame ever shows: absolute {@code http}/{@code https} URLs with a host and no credentials.
 * Everything else ({@code javascript:}, {@code data:}, {@code vbscript:}, relative or malformed links) is refused.
 * Accepted links come back with the characters that could end a Markdown link or an HTML attribute percent-encoded.
 */
public final class SafeLink {

    static final int MAX_LENGTH = 500;

    private SafeLink() {
    }

    /** The normalised link, or empty when it may not be shown. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            // Whitespace and controls let browsers "repair" a scheme (java\tscript:); refuse rather than clean.
            if (ch <= 0x20 || ch == 0x7f || Character.isWhitespace(ch) || Character.isISOControl(ch)) {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String ascii = uri.toASCIIString();
        // The scheme is case-normalised so later checks and readers see exactly http/https.
        ascii = scheme + ascii.substring(uri.getScheme().length());
        StringBuilder out = new StringBuilder(ascii.length());
        for (char ch : ascii.toCharArray()) {
            switch (ch) {
            case '(' -> out.append("%28");
            case ')' -> out.append("%29");
            case '[' -> out.append("%5B");
            case ']' -> out.append("%5D");
            case '\'' -> out.append("%27");
            case '"' -> out.append("%22");
            case '<' -> out.append("%3C");
            case '>' -> out.append("%3E");
            case '`' -> out.append("%60");
            case '\\' -> out.append("%5C");
            case '*' -> out.append("%2A");
            default -> out.append(ch);
            }
        }
        return out.length() > MAX_LENGTH * 2 ? Optional.empty() : Optional.of(out.toString());
    }

    public static boolean isSafe(String raw) {
        return normalize(raw).isPresent();
    }
}
