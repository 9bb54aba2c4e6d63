package dev.embargo.credits.halloffame;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders our Markdown with CommonMark, as release-note tooling would, and checks hostile names stay text. */
class MarkdownHallTest {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

    static HallOfFame hallWith(String name, String link) {
        return new HallOfFame("demo", 2026, 0, 50, 1, List.of(new HallOfFame.Entry(1, name, link, 50, 1)), 0);
    }

    static String toHtml(String markdown) {
        return HTML.render(PARSER.parse(markdown));
    }

    /** Link and image targets CommonMark finds in the document. */
    static List<String> linkTargets(String markdown) {
        var targets = new ArrayList<String>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                targets.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                targets.add("image:" + image.getDestination());
            }
        });
        return targets;
    }

    @ParameterizedTest
    @ValueSource(strings = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))", "![x](https://evil.example/track.png)", "x](javascript:alert(1)) [y",
            "`code` ``x``", "**bold** _it_", "# heading", "<a href=\"javascript:alert(1)\">a</a>",
            "[x]: javascript:alert(1)", "a\n\n[b](data:text/html,x)", "&lt;script&gt;", "<javascript:alert(1)>",
            "\\[x\\](javascript:alert(1))", "<svg/onload=alert(1)>", "[x](vbscript:msgbox(1))" })
    void hostileNamesRenderAsLiteralTextOnly(String hostile) {
        String markdown = MarkdownHall.render(hallWith(hostile, null));
        String html = toHtml(markdown).toLowerCase(Locale.ROOT);

        assertThat(linkTargets(markdown), empty());
        for (String tag : new String[] { "<script", "<img", "<svg", "<a ", "<code", "<strong", "<em", "<h1",
                "href=\"" }) {
            assertThat(html, not(containsString(tag)));
        }
        // Exactly one list item: the name cannot break out of its line.
        assertThat(html.split("<li>", -1).length, equalTo(2));
    }

    @Test
    void nameIsShownVerbatimAfterRendering() {
        String hostile = "<b>Eve</b> [x](javascript:alert(1)) `y`";
        String html = toHtml(MarkdownHall.render(hallWith(hostile, null)));

        assertThat(html, containsString("&lt;b&gt;Eve&lt;/b&gt; [x](javascript:alert(1)) `y`"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x",
            "https://a.example/x) [evil](javascript:alert(1)" })
    void onlySafeLinksBecomeLinks(String link) {
        String markdown = MarkdownHall.render(hallWith("Alice", link));

        assertThat(linkTargets(markdown), everyItem(startsWith("https://")));
        String html = toHtml(markdown).toLowerCase(Locale.ROOT);
        assertThat(html, not(containsString("href=\"javascript")));
        assertThat(html, not(containsString("href=\"data")));
        assertThat(html, not(containsString("href=\"vbscript")));
    }

    @Test
    void safeLinkIsALinkOnTheName() {
        String markdown = MarkdownHall.render(hallWith("Alice", "https://alice.example/about"));

        assertThat(linkTargets(markdown), equalTo(List.of("https://alice.example/about")));
        assertThat(toHtml(markdown), containsString("<a href=\"https://alice.example/about\">Alice</a>"));
    }

    @Test
    void countsAnonymousResearchersWithoutNamingThem() {
        var hall = new HallOfFame("demo", 2026, 0, 50, 1, List.of(new HallOfFame.Entry(1, "Alice", null, 50, 1)), 3);

        String markdown = MarkdownHall.render(hall);
        assertThat(markdown, containsString("1. Alice"));
        assertThat(markdown, containsString("and 3 anonymous researchers"));
    }
}
