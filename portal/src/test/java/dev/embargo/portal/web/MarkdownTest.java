package dev.embargo.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

    /** Any element that carries an event-handler attribute. */
    private static final Pattern HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("<a\\s([^>]*)>", Pattern.CASE_INSENSITIVE);

    private static String html(String markdown) {
        return Markdown.render(markdown).getValue();
    }

    /** The tags of the output (escaped text has no raw angle brackets). */
    private static List<String> tags(String html) {
        return Pattern.compile("<\\s*/?\\s*([a-zA-Z0-9]+)").matcher(html).results()
                .map(m -> m.group(1).toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String attribute(String anchorAttributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(anchorAttributes);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void nothingForNullOrBlank() {
        assertEquals("", html(null));
        assertEquals("", html("   \n"));
    }

    @Test
    void formattingIsKept() {
        String out = html("# Title\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n```\nx < y\n```");
        assertTrue(out.contains("<h1>Title</h1>"), out);
        assertTrue(out.contains("<strong>bold</strong>"), out);
        assertTrue(out.contains("<em>em</em>"), out);
        assertTrue(out.contains("<code>code</code>"), out);
        assertTrue(out.contains("<li>one</li>"), out);
        assertTrue(out.contains("x &lt; y"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = { "<script>alert(1)</script>", "before\n\n<script>alert(1)</script>\n\nafter",
            "text <script src=\"https://evil.example/x.js\"></script> inline", "<SCRIPT>alert(1)</SCRIPT>",
            "<scr<script>ipt>alert(1)</script>" })
    void scriptTagsAreNeverElements(String markdown) {
        String out = html(markdown);
        assertFalse(out.toLowerCase(Locale.ROOT).contains("<script"), out);
        assertFalse(tags(out).contains("script"), out);
    }

    @Test
    void rawHtmlIsShownAsTextNotElements() {
        String out = html(
                "<div class=\"x\">hi</div>\n\nsome <b>bold</b> and <iframe src=\"https://evil.example\"></iframe>"
                        + " <style>body{display:none}</style>");
        assertEquals(List.of("p"), tags(out), out);
        assertTrue(out.contains("&lt;div"), out);
        assertTrue(out.contains("&lt;iframe"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = { "<img src=x onerror=alert(1)>", "<a href=\"https://a.example\" onclick=\"alert(1)\">x</a>",
            "<p onmouseover=\"alert(1)\">hover</p>", "<svg onload=alert(1)>",
            "[x](https://a.example \"t\\\" onclick=\\\"alert(1)\")", "<details open ontoggle=alert(1)>" })
    void eventHandlerAttributesNeverReachAnElement(String markdown) {
        String out = html(markdown);
        assertFalse(HANDLER.matcher(out).find(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = { "[click](javascript:alert(1))", "[click](JavaScript:alert(1))",
            "[click](  javascript:alert(1))", "<javascript:alert(1)>", "[click](vbscript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click][r]\n\n[r]: javascript:alert(1)" })
    void linksToScriptsOrDataLoseTheirTarget(String markdown) {
        String out = html(markdown);
        String lower = out.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("href=\"javascript") || lower.contains("href=\"vbscript")
                || lower.contains("href=\"data:"), out);
        ANCHOR.matcher(out).results().forEach(a -> {
            String href = attribute(a.group(1), "href");
            // No target at all, or an empty one (the page itself), or a web or mail address.
            assertTrue(href == null || href.isEmpty() || href.matches("(?i)(https?|mailto):.*"), out);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "![pixel](https://tracker.example/p.png)", "<img src=\"https://tracker.example/p.png\">",
            "![pixel][p]\n\n[p]: https://tracker.example/p.png" })
    void imagesAreRemoved(String markdown) {
        String out = html(markdown);
        assertFalse(tags(out).contains("img"), out);
        assertFalse(out.contains("src="), out);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://example.org/advisory?id=1", "http://example.org/a",
            "mailto:security@example.org" })
    void webAndMailLinksAreKeptWithoutReferrerOrOpener(String url) {
        for (String markdown : List.of("[the link](" + url + ")", "<" + url + ">")) {
            String out = html(markdown);
            var anchors = ANCHOR.matcher(out).results().toList();
            assertEquals(1, anchors.size(), out);
            String attrs = anchors.get(0).group(1);
            assertEquals(url,
                    attribute(attrs, "href").replace("&amp;", "&").replace("&#61;", "=").replace("&#64;", "@"), out);
            List<String> rel = List.of(attribute(attrs, "rel").split("\\s+"));
            assertTrue(rel.contains("noopener") && rel.contains("noreferrer"), out);
        }
    }
}
