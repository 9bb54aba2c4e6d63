package dev.embargo.credits.halloffame;

import static dev.embargo.credits.PublishedCases.named;
import static dev.embargo.credits.PublishedCases.newSlug;
import static dev.embargo.credits.PublishedCases.publishAndAwait;
import static dev.embargo.credits.PublishedCases.publishedCase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.embargo.events.CasePublished;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Hostile display names and links, arriving in events and through profiles, stay inert in Markdown and HTML. */
@QuarkusTest
class HostileOutputTest {

    private static final String[] HOSTILE_NAMES = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "\"><svg onload=alert(1)>", "[click](javascript:alert(1))",
            "x](javascript:alert(1)) ![i](https://t.example/p.png)", "`rm -rf` <b onmouseover=alert(1)>hi</b>",
            "' onfocus='alert(1)" };

    private static final String[] HOSTILE_LINKS = { "javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
            "https://ok.example/\" onclick=\"alert(1)", "https://ok.example/x)(javascript:alert(1)" };

    private static CasePublished.Credit[] hostileCredits() {
        var credits = new CasePublished.Credit[HOSTILE_NAMES.length];
        for (int i = 0; i < HOSTILE_NAMES.length; i++) {
            credits[i] = named(HOSTILE_NAMES[i] + " #" + i, HOSTILE_LINKS[i % HOSTILE_LINKS.length]);
        }
        return credits;
    }

    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    /** Every element is one we wrote: no active elements, no event handlers, no script-capable links. */
    private static void assertInertHtml(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String active : new String[] { "<script", "<img", "<svg", "<iframe", "<object", "<embed", "<b ", "<code",
                "<strong", "<em>" }) {
            assertThat(lower, not(containsString(active)));
        }
        Matcher tags = TAG.matcher(lower);
        while (tags.find()) {
            String tag = tags.group();
            assertThat(tag, not(matchesPattern("(?s).*\\son[a-z]+\\s*=.*")));
            assertThat(tag, not(matchesPattern("(?s).*=\\s*[\"']?\\s*(javascript|data|vbscript):.*")));
        }
        Matcher hrefs = HREF.matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1), startsWith("https://"));
        }
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void htmlPageNeutralisesHostileNamesAndLinksFromEvents() {
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "HIGH", hostileCredits()));

        String html = given().accept("text/html").get("/api/v1/projects/{s}/hall-of-fame", slug).then().statusCode(200)
                .extract().asString();

        assertInertHtml(html);
        // Every name is still shown, as escaped text, each on its own line.
        assertThat(count(html, "<li>"), equalTo(HOSTILE_NAMES.length));
        assertThat(html, containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void markdownNeutralisesHostileNamesAndLinksFromEvents() {
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "HIGH", hostileCredits()));

        String markdown = given().accept("text/markdown").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                .statusCode(200).extract().asString();

        assertThat(MarkdownHallTest.linkTargets(markdown), everyItem(startsWith("https://")));
        String rendered = MarkdownHallTest.toHtml(markdown);
        assertInertHtml(rendered);
        assertThat(count(rendered, "<li>"), equalTo(HOSTILE_NAMES.length));
        assertThat(rendered, containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void hostileProfileNameIsNeutralisedToo() {
        String subject = "hostile-" + UUID.randomUUID();
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "LOW", named("Plain", null, subject)));
        given().auth().oauth2(Tokens.of(subject, "reporter")).contentType(ContentType.JSON).body(Map.of("displayName",
                "<script>alert('x')</script>[a](javascript:alert(1))", "link", "https://ok.example/p"))
                .put("/api/v1/researchers/me").then().statusCode(200);
        given().auth().oauth2(Tokens.of(subject, "reporter")).post("/api/v1/researchers/me/claims").then()
                .statusCode(200);

        String html = given().queryParam("format", "html").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                .statusCode(200).extract().asString();
        String markdown = given().queryParam("format", "markdown").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                .statusCode(200).extract().asString();

        assertInertHtml(html);
        assertThat(html, containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertThat(MarkdownHallTest.linkTargets(markdown), everyItem(equalTo("https://ok.example/p")));
        assertInertHtml(MarkdownHallTest.toHtml(markdown));
    }
}
