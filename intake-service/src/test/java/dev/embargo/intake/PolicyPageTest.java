package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 14: the policy for people, generated from the policy document (Markdown and HTML), saying only what it says.
 */
@QuarkusTest
class PolicyPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "fim", "open-webui", "openpanel", "panelorca", "pod" })
    void theMarkdownPageCarriesEveryStatementOfThePolicyInItsOwnWords(String example) throws Exception {
        var project = Fixtures.projectWithExamplePolicy(example);
        String md = given().accept("text/markdown").get(project.path() + "/policy").then().statusCode(200)
                .contentType(Matchers.startsWith("text/markdown")).extract().asString();
        assertTrue(md.startsWith("# Security policy of Project " + project.slug()), md);
        String plain = md.replace("\\", "");
        for (String words : statements(JSON.readTree(Fixtures.examplePolicy(example)))) {
            assertTrue(plain.contains(words), example + " page lacks: " + words);
        }
        // Nothing the text does not say: no invented deadline or heads-up.
        assertFalse(plain.contains("days after the report"), plain);
        assertFalse(plain.contains("Self-hosters are told"), plain);
        assertTrue(plain.contains(project.path() + "/security.txt"));
        // The same page under a name a SECURITY.md can link to.
        given().get(project.path() + "/policy.md").then().statusCode(200).body(equalTo(md));
        // JSON stays the default.
        given().get(project.path() + "/policy").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void openWebUisPageOffersNoPlatformFormAndSaysWhereReportsGo() {
        var project = Fixtures.projectWithExamplePolicy("open-webui");
        String md = given().accept("text/markdown").get(project.path() + "/policy").then().statusCode(200).extract()
                .asString().replace("\\", "");
        assertFalse(md.contains(project.path() + "/reports"), md);
        assertTrue(md.contains("Any reports or solicitations arriving from sources other than our designated GitHub"
                + " repository will be dismissed without consideration."));
    }

    @Test
    void theHtmlPageEscapesWhatThePolicySays() {
        var project = Fixtures.project("page");
        String policy = """
                {"name":"x","channels":[{"kind":"PLATFORM"}],"safeHarbor":"<script>alert(1)</script> & more",
                 "disclosure":{"agreeWithReporter":true,"statement":"After the fix."}}""";
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(policy).when()
                .put(project.path() + "/policy").then().statusCode(201);
        String html = given().accept("text/html").get(project.path() + "/policy").then().statusCode(200)
                .contentType(Matchers.startsWith("text/html")).extract().asString();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), html);
        assertTrue(html.contains("<p>After the fix.</p>"), html);
        assertTrue(html.contains("<p>The disclosure date is agreed with the reporter.</p>"), html);
        given().accept("text/html").get("/api/v1/projects/" + Fixtures.randomSlug("none") + "/policy").then()
                .statusCode(404);
    }

    /** The policy's own words a page must show: statements, scope and design descriptions, safe harbor, rules. */
    private static List<String> statements(JsonNode p) {
        List<String> out = new ArrayList<>();
        for (String path : List.of("/versions/statement", "/sla/statement", "/sla/fix/statement",
                "/disclosure/statement", "/credit/statement", "/lowEffort/statement", "/reporting/publicIssues",
                "/reporting/otherChannels", "/publicRoute/statement", "/safeHarbor")) {
            if (p.at(path).isTextual()) {
                out.add(p.at(path).asText());
            }
        }
        for (String list : List.of("inScope", "outOfScope", "knownNonVulnerabilities")) {
            p.path(list).forEach(r -> out.add(r.path("description").asText()));
        }
        p.path("researchRules").forEach(r -> out.add(r.asText()));
        p.path("priorCredits").forEach(c -> out.add(c.path("name").asText()));
        p.path("extraFields").forEach(f -> out.add(f.path("label").asText().substring(1)));
        return out;
    }
}
