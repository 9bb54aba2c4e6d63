package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.completeReport;
import static dev.embargo.intake.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.intake.Fixtures.TestProject;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14: each of the five shipped policies does what its own text says, no more, no less. First the sources table
 * ({@link PolicySources}): every field of every shipped file is backed by a sentence of its text, or unset. Then each
 * rule of each text through the API: a report that breaks it, one that satisfies it, what the reporter reads in the
 * answer and what the maintainer receives ({@code report.submitted}: findings with the policy's sentence, sealed
 * content).
 */
@QuarkusTest
class PolicyFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Ciphers ciphers;

    // -----------------------------------------------------------------------------------------------------------------
    // No shipped field without a source sentence
    // -----------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "fim", "open-webui", "openpanel", "panelorca", "pod" })
    void everyFieldOfTheShippedPolicyComesFromASentenceOfItsTextOrIsUnset(String slug) throws Exception {
        assertEquals(List.of(), unsourced(slug, JSON.readTree(Fixtures.examplePolicy(slug))), slug);
    }

    @Test
    void theSourcesCheckCatchesAnInventedValueAWrongNumberARewordedStatementAndALostRule() throws Exception {
        ObjectNode fim = (ObjectNode) JSON.readTree(Fixtures.examplePolicy("fim"));
        ((ObjectNode) fim.path("disclosure")).put("deadlineDays", 90);
        ((ObjectNode) fim.path("sla").path("acknowledge")).put("amount", 2);
        ((ObjectNode) fim.path("credit")).put("statement", "Reporters are credited.");
        ((ObjectNode) fim.path("sla").path("fix")).remove("high");
        List<String> expected = List.of("credit.statement: not in the text word for word",
                "disclosure.deadlineDays: has a value although its text states none",
                "sla.acknowledge.amount: the number is not the one of its sentence",
                "sla.fix.high.amount: the text states it but the file does not have it",
                "sla.fix.high.unit: the text states it but the file does not have it");
        assertEquals(expected, unsourced("fim", fim).stream().sorted().toList());
    }

    /** What of a policy file has no source in its text, by the sources table. */
    private static List<String> unsourced(String slug, JsonNode file) {
        Map<String, String> sources = PolicySources.of(slug);
        String text = PolicySources.normalise(PolicySources.text(slug));
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> leaves = PolicySources.leaves(file);
        leaves.forEach((path, value) -> {
            String source = PolicySources.sourceOf(sources, path);
            if (source == null) {
                problems.add(path + ": no source in the table");
            } else if (source.equals(PolicySources.UNSET)) {
                if (!PolicySources.isOff(value)) {
                    problems.add(path + ": has a value although its text states none");
                }
            } else if (source.equals(PolicySources.VERBATIM)) {
                for (String s : PolicySources.strings(value)) {
                    String plain = path.endsWith(".address") ? s.replaceFirst("^https?://", "") : s;
                    if (!text.contains(PolicySources.normalise(plain))) {
                        problems.add(path + ": not in the text word for word");
                    }
                }
            } else if (source.equals(PolicySources.HOSTING)) {
                if (!path.matches("channels\\[\\d+]\\.kind") || !value.asText().equals("PLATFORM")) {
                    problems.add(path + ": only the platform channel is a hosting fact");
                }
            } else if (source.equals(PolicySources.MATCHING)) {
                if (!path.endsWith(".id") && !path.endsWith(".terms")) {
                    problems.add(path + ": only ids and terms are matching vocabulary");
                }
            } else if (!source.equals(PolicySources.REGISTRY)) {
                if (!text.contains(PolicySources.normalise(source))) {
                    problems.add(path + ": its source sentence is not in the text");
                }
                if (value.isNumber() && !source.contains(value.asText())) {
                    problems.add(path + ": the number is not the one of its sentence");
                }
            }
        });
        // The table names no rule the file lost.
        sources.forEach((path, source) -> {
            boolean rule = !path.contains("[*]") && !source.equals(PolicySources.UNSET);
            if (rule && leaves.keySet().stream().noneMatch(p -> p.equals(path) || p.startsWith(path + "."))) {
                problems.add(path + ": the text states it but the file does not have it");
            }
        });
        return problems;
    }

    @Test
    void noShippedPolicyInventsADeadlineOrAutomaticPublication() throws Exception {
        for (String slug : PolicySources.TEXT_FILES.keySet()) {
            JsonNode disclosure = JSON.readTree(Fixtures.examplePolicy(slug)).path("disclosure");
            assertTrue(disclosure.path("deadlineDays").isMissingNode(), slug);
            assertTrue(disclosure.path("headsUpDays").isMissingNode(), slug);
            assertTrue(!disclosure.path("publishOnDeadline").asBoolean(false), slug);
        }
    }

    // -----------------------------------------------------------------------------------------------------------------
    // FIM
    // -----------------------------------------------------------------------------------------------------------------

    @Test
    void fimRequiresDescriptionStepsOrProofVersionsAndImpact() {
        // "email security@fim.ai with: A description ..., Steps to reproduce (or a proof-of-concept), Affected
        // versions, Potential impact assessment"
        var fim = Fixtures.projectWithExamplePolicy("fim");
        submit(fim.slug(), Map.of("title", "Bug")).statusCode(422)
                .body("type", equalTo("urn:embargo:problem:missing-fields")).body("missingFields",
                        containsInAnyOrder("versionTested", "description", "impact", "stepsToReproduce"));
        Map<String, Object> proofInsteadOfSteps = completeReport();
        proofInsteadOfSteps.remove("stepsToReproduce");
        submit(fim.slug(), proofInsteadOfSteps).statusCode(201);
    }

    @Test
    void fimAcknowledgesWithin48HoursOfBusinessDaysAndAssessesWithinFiveBusinessDays() {
        // "| Acknowledgment | Within 48 hours (business days) |"
        var fim = Fixtures.projectWithExamplePolicy("fim");
        JsonPath answer = submit(fim.slug(), completeReport()).statusCode(201).extract().jsonPath();
        Instant submitted = Instant.parse(answer.getString("submittedAt"));
        Instant ackBy = Instant.parse(answer.getString("acknowledgeBy"));
        assertEquals(Duration.ofHours(48), workingTimeBetween(submitted, ackBy));
        // The policy states no time zone: the platform counts in UTC (documented), Monday to Friday.
        given().get(fim.path() + "/policy").then().body("policy.sla.acknowledge.amount", equalTo(48))
                .body("policy.sla.acknowledge.unit", equalTo("BUSINESS_HOURS"))
                .body("policy.sla.assess.unit", equalTo("BUSINESS_DAYS")).body("policy.sla.timeZone", nullValue())
                .body("policy.sla.fix.critical", nullValue()).body("policy.sla.fix.high.unit", equalTo("WEEKS"))
                .body("policy.sla.fix.statement",
                        equalTo("Depends on severity (critical: ASAP, high: 2 weeks, medium/low: next release)"));
    }

    @Test
    void fimSetsNoDisclosureDeadlineButSaysWhenItDiscloses() {
        // "| Public disclosure | After fix is released and users have had time to update |"
        var fim = Fixtures.projectWithExamplePolicy("fim");
        given().get(fim.path() + "/policy").then().body("policy.disclosure.deadlineDays", nullValue())
                .body("policy.disclosure.publishOnDeadline", equalTo(false)).body("policy.disclosure.statement",
                        equalTo("After fix is released and users have had time to update"));
        submit(fim.slug(), completeReport()).statusCode(201).body("policy.disclosure",
                equalTo("After fix is released and users have had time to update"));
    }

    @Test
    void fimSupportsLatestFullyThePreviousMinorForSecurityFixesOnlyAndNothingOlder() {
        // "| Previous minor | Security fixes only |", "| Older | No |"
        var fim = Fixtures.projectWithExamplePolicy("fim");
        Map<String, Object> report = completeReport();
        // The text names no release number, so nothing is flagged on a guess...
        report.put("versionTested", "1.1.0");
        submit(fim.slug(), report).statusCode(201).body("findings", not(hasItem("unsupported-version")));
        // ... until the owners record their current release, as they keep it current.
        publishVariant(fim, "fim", p -> ((ObjectNode) p.path("versions")).put("latestRelease", "1.4.0"));
        String statement = "We recommend always running the latest version. Security patches are backported to the"
                + " previous minor release on a best-effort basis.";
        report.put("versionTested", "1.3.2");
        submit(fim.slug(), report).statusCode(201).body("findings", hasItem("security-fixes-only-version")).body(
                "findingDetails.find { it.code == 'security-fixes-only-version' }.policySentence", equalTo(statement));
        report.put("versionTested", "1.1.0");
        submit(fim.slug(), report).statusCode(201).body("findings", hasItems("unsupported-version"));
        report.put("versionTested", "1.4.0");
        submit(fim.slug(), report).statusCode(201).body("findings", not(hasItem("unsupported-version")))
                .body("findings", not(hasItem("security-fixes-only-version")));
    }

    @Test
    void fimFlagsItsOutOfScopeClassesWithTheirSentenceAndKnowsItsInScopeOnes() {
        var fim = Fixtures.projectWithExamplePolicy("fim");
        Map<String, Object> report = completeReport();
        report.put("title", "Social engineering of support staff");
        report.put("description", "Support staff can be talked into resetting passwords by phishing.");
        String tracking = submit(fim.slug(), report).statusCode(201)
                .body("findings", hasItem("out-of-scope:social-engineering"))
                .body("findingDetails.find { it.code == 'out-of-scope:social-engineering' }.policySentence",
                        equalTo("Social engineering attacks"))
                .extract().path("trackingId");
        // The maintainer gets the same finding with the policy's sentence in report.submitted.
        ReportSubmitted event = submittedEvent(tracking);
        assertTrue(event.findingDetails().contains(
                new ReportSubmitted.Finding("out-of-scope:social-engineering", "Social engineering attacks")));
        report.put("title", "Stored XSS in workspace names");
        report.put("description", "Workspace names are rendered as HTML.");
        submit(fim.slug(), report).statusCode(201).body("findings", hasItem("in-scope:xss-or-csrf"));
    }

    @Test
    void fimCreditsReportersUnlessTheyPreferToRemainAnonymous() {
        // "Contributors who report valid security vulnerabilities will be credited in the release notes (unless they
        // prefer to remain anonymous)."
        var fim = Fixtures.projectWithExamplePolicy("fim");
        String silent = submit(fim.slug(), completeReport()).statusCode(201)
                .body("policy.creditedByDefault", equalTo(true))
                .body("policy.credit",
                        equalTo("Contributors who report valid security vulnerabilities will be"
                                + " credited in the release notes (unless they prefer to remain anonymous)."))
                .extract().path("trackingId");
        assertEquals(ReportContent.Visibility.PUBLIC, sealedContent(submittedEvent(silent)).credit().visibility());
        Map<String, Object> anonymous = completeReport();
        anonymous.put("credit", Map.of("visibility", "ANONYMOUS"));
        String tracking = submit(fim.slug(), anonymous).statusCode(201).extract().path("trackingId");
        assertEquals(ReportContent.Visibility.ANONYMOUS, sealedContent(submittedEvent(tracking)).credit().visibility());
    }

    @Test
    void fimTellsReportersNotToOpenPublicIssuesAndOffersItsLowSeverityRoute() {
        var fim = Fixtures.projectWithExamplePolicy("fim");
        submit(fim.slug(), completeReport()).statusCode(201).body("policy.publicIssues",
                equalTo("Please do NOT open a public GitHub issue for security vulnerabilities."));
        given().get(fim.path() + "/policy").then().body("policy.lowSeverityToPublicTracker", equalTo(true))
                .body("policy.publicRoute.label", equalTo("security"))
                .body("policy.publicRoute.maxSeverity", equalTo("LOW"))
                // The tracker's address is not in the text: unset, not guessed.
                .body("policy.publicTrackerUrl", nullValue());
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Open WebUI
    // -----------------------------------------------------------------------------------------------------------------

    @Test
    void openWebUiDismissesReportsFromAnywhereButItsGitHubRepository() {
        // "Any reports or solicitations arriving from sources other than our designated GitHub repository will be
        // dismissed without consideration."
        var owui = Fixtures.projectWithExamplePolicy("open-webui");
        Map<String, Object> report = completeReport();
        report.put("versionTested", "main");
        submit(owui.slug(), report).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:channel-not-accepted"))
                .body("detail",
                        equalTo("Any reports or solicitations arriving from sources other than our designated"
                                + " GitHub repository will be dismissed without consideration."))
                .body("channels", hasSize(1)).body("channels[0].kind", equalTo("URL"));
        // Nothing was stored or sent: the reporter holds no token, the maintainers get no case.
        assertTrue(TestEvents.read(ReportSubmitted.class, Duration.ofMillis(500)).stream()
                .noneMatch(e -> e.projectSlug().equals(owui.slug())));
        // security.txt does not point at a form the policy refuses.
        String txt = given().get(owui.path() + "/security.txt").then().statusCode(200).extract().asString();
        assertTrue(!txt.contains(owui.path() + "/reports"), txt);
    }

    @Test
    void openWebUiOnThePlatformRequiresProofOfConceptPatchComponentsAndImpact() {
        // Once its owners list the platform as a channel (moving their reporting here), the guidelines apply:
        // "Proof of Concept (PoC) is Mandatory", "Required Patch Submission", "including the affected components and
        // potential impacts".
        var owui = Fixtures.projectWithExamplePolicy("open-webui");
        publishVariant(owui, "open-webui", p -> ((ArrayNode) p.path("channels")).addObject().put("kind", "PLATFORM"));
        Map<String, Object> lazy = completeReport();
        lazy.remove("proofOfConcept");
        lazy.remove("suggestedFix");
        submit(owui.slug(), lazy).statusCode(422).body("type", equalTo("urn:embargo:problem:low-effort"))
                .body("reasons", containsInAnyOrder("proof-of-concept-missing", "patch-missing"))
                .body("policyStatement",
                        equalTo("Non-compliant submissions will be closed, and repeat violators may be banned."));
        Map<String, Object> vague = completeReport();
        vague.remove("component");
        vague.remove("impact");
        submit(owui.slug(), vague).statusCode(422).body("type", equalTo("urn:embargo:problem:missing-fields"))
                .body("missingFields", containsInAnyOrder("component", "impact"));
        Map<String, Object> good = completeReport();
        good.put("versionTested", "main");
        submit(owui.slug(), good).statusCode(201).body("findings", not(hasItem("unsupported-version")));
    }

    @Test
    void openWebUiFlagsVersionsOtherThanMainAndBansNobodyAutomatically() {
        // "| main | :white_check_mark: |", "| others | :x: |"; "repeat violators may be banned": may, so the owners
        // decide (reporter-standings), no automatic ban after a number the text does not give.
        var owui = Fixtures.projectWithExamplePolicy("open-webui");
        publishVariant(owui, "open-webui", p -> ((ArrayNode) p.path("channels")).addObject().put("kind", "PLATFORM"));
        Map<String, Object> old = completeReport();
        old.put("versionTested", "v0.3.10");
        submit(owui.slug(), old).statusCode(201).body("findings", hasItem("unsupported-version"));
        String client = Fixtures.randomClient();
        Map<String, Object> lazy = completeReport();
        lazy.remove("proofOfConcept");
        for (int i = 0; i < 4; i++) {
            lazy.put("title", "Attempt " + i);
            submit(owui.slug(), lazy, client).statusCode(422);
        }
        Map<String, Object> good = completeReport();
        good.put("versionTested", "main");
        submit(owui.slug(), good, client).statusCode(201);
    }

    // -----------------------------------------------------------------------------------------------------------------
    // OpenPanel
    // -----------------------------------------------------------------------------------------------------------------

    @Test
    void openPanelAsksForWhatReportersCanIncludingTheFileOrEndpoint() {
        // "To help us triage quickly, please include what you can: - the affected component (...) and the file or
        // endpoint involved"
        var op = Fixtures.projectWithExamplePolicy("openpanel");
        submit(op.slug(), Map.of("title", "Only a title")).statusCode(201);
        String tracking = submit(op.slug(),
                Map.of("title", "IDOR in saved reports", "component", "API", "description", "Reports load by id.",
                        "extraFields", Map.of("fileOrEndpoint", "GET /api/reports/{id}"))).statusCode(201).extract()
                                .path("trackingId");
        assertEquals(Map.of("fileOrEndpoint", "GET /api/reports/{id}"),
                sealedContent(submittedEvent(tracking)).extraFields());
        submit(op.slug(), Map.of("title", "x", "extraFields", Map.of("favouriteColour", "blue"))).statusCode(422)
                .body("type", equalTo("urn:embargo:problem:unknown-extra-field"))
                .body("reasons", contains("extra-field-not-in-policy"));
        given().get(op.path() + "/policy").then().body("policy.extraFields[0].label",
                equalTo("the file or endpoint involved"));
    }

    @Test
    void openPanelScopesItsComponentsAndItsOutOfScopeClassesUnlessImpactIsShown() {
        var op = Fixtures.projectWithExamplePolicy("openpanel");
        submit(op.slug(), Map.of("title", "Something", "component", "billing microservice", "description", "An issue."))
                .statusCode(201).body("findings", hasItem("component-not-in-scope"))
                .body("findingDetails.find { it.code == 'component-not-in-scope' }.policySentence", equalTo(
                        "In scope: API, dashboard, worker, SDK, openpanel.dev, dashboard.openpanel.dev, api.openpanel.dev"));
        submit(op.slug(), Map.of("title", "XSS", "component", "dashboard", "description", "An issue.")).statusCode(201)
                .body("findings", not(hasItem("component-not-in-scope")));
        // "Out of scope, unless you can show concrete, exploitable impact: ... self-XSS"
        submit(op.slug(), Map.of("title", "Self-XSS in the profile name", "description", "It runs in my own browser."))
                .statusCode(201).body("findings", hasItem("out-of-scope:self-xss"))
                .body("findingDetails.find { it.code == 'out-of-scope:self-xss' }.policySentence", equalTo("self-XSS"));
        Map<String, Object> shown = completeReport();
        shown.put("title", "Clickjacking on the billing page");
        shown.put("description", "The billing page can be framed (clickjacking) and the upgrade button pressed.");
        submit(op.slug(), shown).statusCode(201).body("findings",
                hasItem("out-of-scope-impact-claimed:clickjacking-without-sensitive-action"));
    }

    @Test
    void openPanelAsksToReproduceOnTheLatestVersion() {
        // "Before reporting an issue on a self-hosted instance, please confirm it reproduces on the latest version."
        var op = Fixtures.projectWithExamplePolicy("openpanel");
        publishVariant(op, "openpanel", p -> ((ObjectNode) p.path("versions")).put("latestRelease", "2.4.0"));
        submit(op.slug(), Map.of("title", "Bug", "versionTested", "2.1.3")).statusCode(201)
                .body("findings", hasItem("reproduce-on-latest"))
                .body("findingDetails.find { it.code == 'reproduce-on-latest' }.policySentence",
                        equalTo("Security fixes land on the latest release. Before reporting an issue on a self-hosted"
                                + " instance, please confirm it reproduces on the latest version."));
        submit(op.slug(), Map.of("title", "Bug", "versionTested", "2.4.0")).statusCode(201).body("findings",
                not(hasItem("reproduce-on-latest")));
    }

    @Test
    void openPanelAcknowledgesWithinThreeBusinessDaysAndShowsItsSafeHarborWithTheAnswer() {
        var op = Fixtures.projectWithExamplePolicy("openpanel");
        JsonPath answer = submit(op.slug(), Map.of("title", "Bug")).statusCode(201)
                .body("policy.safeHarbor", equalTo("We treat security research done in good faith under this policy as"
                        + " authorized, and we won't pursue legal action over accidental, good-faith violations."))
                .body("policy.researchRules", hasSize(3))
                .body("policy.publicIssues", equalTo("Please don't report security issues through public GitHub"
                        + " issues, pull requests, or our Discord."))
                .extract().jsonPath();
        Instant submitted = Instant.parse(answer.getString("submittedAt"));
        Instant ackBy = Instant.parse(answer.getString("acknowledgeBy"));
        assertEquals(3, workingDaysBetween(submitted, ackBy));
    }

    @Test
    void openPanelCreditsOnlyWithPermissionAndCarriesItsEarlierCredit() {
        // "We publicly thank researchers who report valid vulnerabilities, with their permission."
        var op = Fixtures.projectWithExamplePolicy("openpanel");
        String tracking = submit(op.slug(), Map.of("title", "Bug")).statusCode(201)
                .body("policy.creditedByDefault", equalTo(false)).extract().path("trackingId");
        assertNull(sealedContent(submittedEvent(tracking)).credit());
        // "- @geo-chen — broken object-level authorization in saved reports (June 2026)"
        given().get(op.path() + "/policy").then().body("policy.priorCredits[0].name", equalTo("@geo-chen"))
                .body("policy.priorCredits[0].summary", equalTo("broken object-level authorization in saved reports"))
                .body("policy.priorCredits[0].when", equalTo("June 2026"))
                .body("policy.disclosure.agreeWithReporter", equalTo(true));
    }

    // -----------------------------------------------------------------------------------------------------------------
    // PanelOrca
    // -----------------------------------------------------------------------------------------------------------------

    @Test
    void panelOrcaPromisesAcknowledgementWithoutATimeAndRequiresNothing() {
        // "We will acknowledge your report, work in good faith to address it, and credit you (or stay anonymous, your
        // choice)." No number: no clock is invented.
        var po = Fixtures.projectWithExamplePolicy("panelorca");
        submit(po.slug(), Map.of("title", "Only a title")).statusCode(201).body("acknowledgeBy", nullValue())
                .body("findings", empty()).body("policy.creditedByDefault", equalTo(true)).body("policy.disclosure",
                        equalTo("Please give us reasonable time to fix the issue before disclosing it publicly."));
        // No scope list in the text, so no component is "not in scope" (the "desktop app" was never in it).
        submit(po.slug(), Map.of("title", "Bug", "component", "desktop app")).statusCode(201).body("findings", empty());
        given().get(po.path() + "/policy").then().body("policy.sla.acknowledge", nullValue())
                .body("policy.componentsInScope", nullValue()).body("policy.versions", nullValue())
                .body("policy.safeHarbor", nullValue());
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Pod
    // -----------------------------------------------------------------------------------------------------------------

    @Test
    void podRequiresDescriptionStepsImpactAndVersionButNotAFix() {
        // "Include in your report: ... Any suggested fix (optional)"
        var pod = Fixtures.projectWithExamplePolicy("pod");
        submit(pod.slug(), Map.of("title", "Bug", "suggestedFix", "patch")).statusCode(422).body("missingFields",
                containsInAnyOrder("versionTested", "description", "impact", "stepsToReproduce"));
        Map<String, Object> noFix = completeReport();
        noFix.remove("suggestedFix");
        submit(pod.slug(), noFix).statusCode(201);
    }

    @Test
    void podAcknowledgesWithin72Hours() {
        // "We will acknowledge your report within 72 hours"
        var pod = Fixtures.projectWithExamplePolicy("pod");
        JsonPath answer = submit(pod.slug(), completeReport()).statusCode(201).extract().jsonPath();
        assertEquals(Duration.ofHours(72), Duration.between(Instant.parse(answer.getString("submittedAt")),
                Instant.parse(answer.getString("acknowledgeBy"))));
    }

    @Test
    void podFlagsItsKnownDesignDecisionsWithTheirSentence() {
        // "These are known design decisions relevant to security: - API key auth is optional and controlled by
        // settings.requireApiKey. When disabled, all /v1/* endpoints are unauthenticated by design ..."
        var pod = Fixtures.projectWithExamplePolicy("pod");
        given().get(pod.path() + "/policy").then().body("policy.knownNonVulnerabilities", hasSize(6));
        Map<String, Object> report = completeReport();
        report.put("title", "All /v1 endpoints are unauthenticated");
        report.put("description",
                "With requireApiKey off, the endpoints are unauthenticated and anyone can call them.");
        String sentence = "API key auth is optional and controlled by settings.requireApiKey. When disabled, all /v1/*"
                + " endpoints are unauthenticated by design (intended for trusted internal networks).";
        String tracking = submit(pod.slug(), report).statusCode(201)
                .body("findings", hasItem("known-design-decision:optional-api-key-auth"))
                .body("findingDetails.find { it.code == 'known-design-decision:optional-api-key-auth' }.policySentence",
                        equalTo(sentence))
                .extract().path("trackingId");
        assertTrue(submittedEvent(tracking).findingDetails()
                .contains(new ReportSubmitted.Finding("known-design-decision:optional-api-key-auth", sentence)));
        submit(pod.slug(), completeReport()).statusCode(201).body("findings",
                not(hasItem("known-design-decision:optional-api-key-auth")));
    }

    @Test
    void podTakesDenialOfServiceByResourceExhaustionButNotUpstreamProviders() {
        var pod = Fixtures.projectWithExamplePolicy("pod");
        Map<String, Object> dos = completeReport();
        dos.put("title", "Denial of service via resource exhaustion in the proxy");
        dos.put("description", "Streaming requests are never cut off: resource exhaustion.");
        submit(pod.slug(), dos).statusCode(201).body("findings", hasItem("in-scope:dos-resource-exhaustion"))
                .body("findings", not(hasItem("unsupported-version")));
        Map<String, Object> upstream = completeReport();
        upstream.put("title", "Prompt leak in the OpenAI upstream provider");
        upstream.put("description", "The OpenAI API returns other users' prompts.");
        submit(pod.slug(), upstream).statusCode(201).body(
                "findingDetails.find { it.code == 'out-of-scope:upstream-provider' }.policySentence",
                equalTo("Vulnerabilities in upstream providers (OpenAI, Anthropic, etc.)"));
    }

    @Test
    void podCreditsByDefaultAsksResearchersForRestraintAndWarnsAgainstPublicIssues() {
        var pod = Fixtures.projectWithExamplePolicy("pod");
        submit(pod.slug(), completeReport()).statusCode(201).body("policy.creditedByDefault", equalTo(true))
                .body("policy.researchRules",
                        hasItem("Do not perform denial-of-service attacks against production instances."))
                .body("policy.publicIssues", equalTo("Do not open a public GitHub issue for security vulnerabilities."))
                .body("policy.safeHarbor", nullValue());
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** Publishes the shipped policy with a change the owners make (e.g. their current release). */
    private static void publishVariant(TestProject project, String example, Consumer<JsonNode> change) {
        try {
            JsonNode policy = JSON.readTree(Fixtures.examplePolicy(example));
            change.accept(policy);
            given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON)
                    .body(JSON.writeValueAsString(policy)).when().put(project.path() + "/policy").then()
                    .statusCode(201);
        } catch (JsonProcessingException e) {
            fail(e);
        }
    }

    private static ReportSubmitted submittedEvent(String trackingId) {
        return await()
                .atMost(Duration.ofSeconds(60)).until(
                        () -> TestEvents.read(ReportSubmitted.class, Duration.ofMillis(500)).stream()
                                .filter(e -> e.trackingId().equals(trackingId)).findFirst().orElse(null),
                        e -> e != null);
    }

    private ReportContent sealedContent(ReportSubmitted event) {
        try {
            ReportContent content = JSON.readValue(ciphers.transport().decryptFromBase64(event.sealedContent(),
                    "report:" + event.reportId() + ":content"), ReportContent.class);
            assertNotNull(content);
            return content;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Time between two instants that falls on Monday to Friday (UTC). */
    private static Duration workingTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        ZonedDateTime t = from.atZone(ZoneOffset.UTC);
        ZonedDateTime end = to.atZone(ZoneOffset.UTC);
        while (t.isBefore(end)) {
            ZonedDateTime next = t.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
            if (next.isAfter(end)) {
                next = end;
            }
            DayOfWeek d = t.getDayOfWeek();
            if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                total = total.plus(Duration.between(t, next));
            }
            t = next;
        }
        return total;
    }

    /** Working days (Monday to Friday, UTC) after {@code from}'s day up to and including {@code to}'s day. */
    private static int workingDaysBetween(Instant from, Instant to) {
        assertEquals(from.atZone(ZoneOffset.UTC).toLocalTime(), to.atZone(ZoneOffset.UTC).toLocalTime());
        int days = 0;
        for (var d = from.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1); !d
                .isAfter(to.atZone(ZoneOffset.UTC).toLocalDate()); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }
}
