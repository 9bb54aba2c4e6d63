package dev.embargo.credits.halloffame;

import dev.embargo.credits.link.SafeLink;

/**
 * The hall of fame as Markdown for release notes. Every piece of researcher-supplied text is escaped so that it stays
 * text in any CommonMark/GFM renderer: ASCII punctuation is backslash-escaped (no links, images, emphasis, code spans
 * or headings can start), {@code < > &} become entities (no raw HTML), line breaks become spaces. Links are only ever
 * {@link SafeLink}s.
 */
final class MarkdownHall {

    private static final String PUNCTUATION = "\\`*_{}[]()#+-.!|~\"'=:$^%@?,;/";

    private MarkdownHall() {
    }

    static String render(HallOfFame hall) {
        var md = new StringBuilder();
        md.append("## Hall of fame ").append(hall.year()).append(" \u2014 ").append(escape(hall.scope()))
                .append("\n\n");
        if (hall.entries().isEmpty() && hall.anonymousCredits() == 0) {
            md.append("No researchers credited yet.\n");
            return earlier(md, hall).toString();
        }
        if (!hall.entries().isEmpty()) {
            md.append("Thank you to the security researchers who reported vulnerabilities responsibly:\n\n");
        }
        for (HallOfFame.Entry e : hall.entries()) {
            md.append(e.rank()).append(". ");
            String link = e.link() == null ? null : SafeLink.normalize(e.link()).orElse(null);
            if (link != null) {
                md.append('[').append(escape(e.name())).append("](").append(link).append(')');
            } else {
                md.append(escape(e.name()));
            }
            md.append(" \u2014 ").append(e.points()).append(e.points() == 1 ? " point, " : " points, ")
                    .append(e.credits()).append(e.credits() == 1 ? " credit" : " credits").append('\n');
        }
        if (hall.anonymousCredits() > 0) {
            md.append('\n').append(hall.entries().isEmpty() ? "Thanks to " : "\u2026and ")
                    .append(hall.anonymousCredits())
                    .append(hall.anonymousCredits() == 1 ? " anonymous researcher.\n" : " anonymous researchers.\n");
        }
        return earlier(md, hall).toString();
    }

    private static StringBuilder earlier(StringBuilder md, HallOfFame hall) {
        if (hall.earlier() == null || hall.earlier().isEmpty()) {
            return md;
        }
        md.append("\nEarlier acknowledgements, from before the project moved here:\n\n");
        for (HallOfFame.Earlier e : hall.earlier()) {
            md.append("- ").append(escape(e.name()));
            if (e.summary() != null) {
                md.append(" \u2014 ").append(escape(e.summary()));
            }
            if (e.when() != null) {
                md.append(" (").append(escape(e.when())).append(')');
            }
            md.append('\n');
        }
        return md;
    }

    /** Text that renders as itself in Markdown, on one line. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == '<') {
                out.append("&lt;");
            } else if (cp == '>') {
                out.append("&gt;");
            } else if (cp == '&') {
                out.append("&amp;");
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                out.append(' ');
            } else if (cp < 128 && PUNCTUATION.indexOf(cp) >= 0) {
                out.append('\\').appendCodePoint(cp);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
