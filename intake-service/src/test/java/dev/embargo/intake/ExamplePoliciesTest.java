package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.completeReport;
import static dev.embargo.intake.Fixtures.projectWithExamplePolicy;
import static dev.embargo.intake.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The rules of each of the five shipped example policies, enforced through the submission API. */
@QuarkusTest
class ExamplePoliciesTest {

    @Test
    void openWebUiRejectsReportWithoutProofOfConceptAndPatch() {
        var project = projectWithExamplePolicy("open-webui");
        Map<String, Object> report = completeReport();
        report.put("versionTested", "main");
        report.remove("proofOfConcept");
        report.remove("suggestedFix");
        submit(project.slug(), report).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:low-effort"))
                .body("reasons", containsInAnyOrder("proof-of-concept-missing", "patch-missing"))
                .body("missingFields", containsInAnyOrder("proofOfConcept", "suggestedFix"));
    }

    @Test
    void openWebUiRejectsVagueReport() {
        var project = projectWithExamplePolicy("open-webui");
        Map<String, Object> report = completeReport();
        report.put("versionTested", "main");
        report.put("description", "I found a vulnerability.");
        submit(project.slug(), report).statusCode(422).body("type", equalTo("urn:embargo:problem:low-effort"))
                .body("reasons", contains("description-too-short"));
    }

    @Test
    void openWebUiRejectsReportAgainstAnythingButMain() {
        var project = projectWithExamplePolicy("open-webui");
        Map<String, Object> report = completeReport();
        report.put("versionTested", "v0.3.10");
        submit(project.slug(), report).statusCode(422).body("type", equalTo("urn:embargo:problem:unsupported-version"));
        report.put("versionTested", "main");
        submit(project.slug(), report).statusCode(201);
    }

    @Test
    void openWebUiBansRepeatViolatorAfterThreeNonCompliantReports() {
        var project = projectWithExamplePolicy("open-webui");
        String client = Fixtures.randomClient();
        Map<String, Object> lazy = completeReport();
        lazy.remove("proofOfConcept");
        for (int i = 0; i < 3; i++) {
            lazy.put("title", "Attempt " + i);
            submit(project.slug(), lazy, client).statusCode(422);
        }
        Map<String, Object> good = completeReport();
        good.put("versionTested", "main");
        submit(project.slug(), good, client).statusCode(403).body("type",
                equalTo("urn:embargo:problem:reporter-banned"));
        // Other reporters are unaffected.
        submit(project.slug(), good).statusCode(201);
        // The owners see the ban and may lift it.
        String reporter = "ip:" + client;
        given().auth().oauth2(project.ownerToken()).when().get(project.path() + "/reporter-standings").then()
                .statusCode(200).body("find { it.reporter == '" + reporter + "' }.banned", equalTo(true))
                .body("find { it.reporter == '" + reporter + "' }.strikes", equalTo(3));
        given().auth().oauth2(project.ownerToken()).when().delete(project.path() + "/reporter-standings/" + reporter)
                .then().statusCode(204);
        good.put("title", "After the ban was lifted");
        submit(project.slug(), good, client).statusCode(201);
    }

    @Test
    void openPanelFlagsSelfXssAndAsksToReproduceOnLatestRelease() {
        var project = projectWithExamplePolicy("openpanel");
        Map<String, Object> report = completeReport();
        report.put("title", "Self-XSS in the profile name");
        report.put("description", "Typing a script into your own profile name runs it in your own browser (self-XSS).");
        report.put("versionTested", "2.1.3");
        report.remove("proofOfConcept");
        submit(project.slug(), report).statusCode(201).body("findings",
                hasItems("out-of-scope:self-xss", "reproduce-on-latest", "unsupported-version"));
    }

    @Test
    void openPanelAcceptsOnlyTheDescriptionAsRequiredAndKnowsItsComponents() {
        var project = projectWithExamplePolicy("openpanel");
        submit(project.slug(), Map.of("title", "Stored XSS", "description", "Event names are not escaped."))
                .statusCode(201).body("findings", not(hasItem("reproduce-on-latest")));
        submit(project.slug(),
                Map.of("title", "Something", "component", "billing microservice", "description", "An issue."))
                        .statusCode(201).body("findings", hasItem("component-not-in-scope"));
        submit(project.slug(), Map.of("title", "No description")).statusCode(422)
                .body("type", equalTo("urn:embargo:problem:missing-fields"))
                .body("missingFields", contains("description"));
    }

    @Test
    void openPanelOutOfScopeClassWithDemonstratedImpactIsMarkedAsClaimed() {
        var project = projectWithExamplePolicy("openpanel");
        Map<String, Object> report = completeReport();
        report.put("title", "Clickjacking on the billing page");
        report.put("description", "The billing page can be framed (clickjacking) and the upgrade button pressed.");
        submit(project.slug(), report).statusCode(201).body("findings",
                hasItem("out-of-scope-impact-claimed:clickjacking-without-sensitive-action"));
    }

    @Test
    void podFlagsDenialOfServiceByResourceExhaustionAsInScope() {
        var project = projectWithExamplePolicy("pod");
        Map<String, Object> report = completeReport();
        report.put("title", "Denial of service via resource exhaustion in the proxy");
        report.put("description", "Streaming requests are never cut off, so a client keeps memory until the process"
                + " dies: resource exhaustion.");
        report.put("versionTested", "0.0.12");
        submit(project.slug(), report).statusCode(201).body("findings", hasItem("in-scope:dos-resource-exhaustion"))
                .body("findings", not(hasItem("unsupported-version")));
    }

    @Test
    void podRequiresDescriptionStepsImpactAndVersionAndFlagsUpstreamProviders() {
        var project = projectWithExamplePolicy("pod");
        submit(project.slug(), Map.of("title", "Bug", "suggestedFix", "patch")).statusCode(422).body("missingFields",
                containsInAnyOrder("versionTested", "description", "impact", "stepsToReproduce"));
        Map<String, Object> report = completeReport();
        report.put("title", "Prompt leak in the OpenAI upstream provider");
        report.put("description", "The OpenAI API returns other users' prompts.");
        report.put("versionTested", "0.0.9");
        submit(project.slug(), report).statusCode(201).body("findings",
                hasItems("out-of-scope:upstream-provider", "unsupported-version"));
    }

    @Test
    void fimMarksPreviousMinorAsSecurityFixesOnlyAndOlderAsUnsupported() {
        var project = projectWithExamplePolicy("fim");
        Map<String, Object> report = completeReport();
        report.put("versionTested", "1.3.2");
        submit(project.slug(), report).statusCode(201).body("findings", hasItem("security-fixes-only-version"))
                .body("acknowledgeBy", notNullValue());
        report.put("versionTested", "1.1.0");
        submit(project.slug(), report).statusCode(201).body("findings", hasItem("unsupported-version"));
    }

    @Test
    void fimFlagsSocialEngineeringAsOutOfScopeButXssAsInScope() {
        var project = projectWithExamplePolicy("fim");
        Map<String, Object> report = completeReport();
        report.put("title", "Social engineering of support staff");
        report.put("description", "Support staff can be talked into resetting passwords by phishing.");
        submit(project.slug(), report).statusCode(201).body("findings", hasItem("out-of-scope:social-engineering"));
        report.put("title", "Stored XSS in workspace names");
        report.put("description", "Workspace names are rendered as HTML.");
        submit(project.slug(), report).statusCode(201).body("findings", hasItem("in-scope:xss-or-csrf"));
    }

    @Test
    void panelOrcaNeedsOnlyADescriptionAndFlagsComponentsOutsideItsServices() {
        var project = projectWithExamplePolicy("panelorca");
        submit(project.slug(),
                Map.of("title", "IDOR", "component", "app.panelorca.com", "description",
                        "Projects of other organizations load by id.")).statusCode(201).body("findings",
                                not(hasItem("component-not-in-scope")));
        submit(project.slug(), Map.of("title", "Bug", "component", "sketchup itself", "description", "x"))
                .statusCode(201).body("findings", hasItem("component-not-in-scope"));
        submit(project.slug(), Map.of("title", "Nothing")).statusCode(422).body("missingFields",
                contains("description"));
    }
}
