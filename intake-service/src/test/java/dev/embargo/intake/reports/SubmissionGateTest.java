package dev.embargo.intake.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.embargo.events.ReportContent;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.Refused;
import dev.embargo.intake.policy.PolicyDocuments;
import dev.embargo.rules.CvssRating;

/** The gate's rules, per shipped example policy, without infrastructure. */
class SubmissionGateTest {

    static final PolicyDocuments DOCUMENTS = new PolicyDocuments(new ObjectMapper().findAndRegisterModules());

    static ReportContent report(String title, String description, String version, String impact, String poc,
            String fix) {
        return new ReportContent(title, "api", version, description, impact, "1. do this", poc, fix, null, List.of(),
                null);
    }

    static SecurityPolicy policy(String slug) {
        return DOCUMENTS.example(slug);
    }

    /** The shipped policy with the current release its owners record (the texts name none). */
    static SecurityPolicy withLatest(String slug, String latest) {
        try (var in = SubmissionGateTest.class.getResourceAsStream("/policies/" + slug + ".json")) {
            var tree = new ObjectMapper().readTree(in);
            ((ObjectNode) tree.path("versions")).put("latestRelease", latest);
            return DOCUMENTS.parse(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void allFiveExamplePoliciesAreValidPolicyDocuments() {
        for (String slug : PolicyDocuments.EXAMPLES) {
            SecurityPolicy p = DOCUMENTS.example(slug);
            assertFalse(p.channels().isEmpty(), slug);
            // Open WebUI takes reports only through its GitHub repository; the four others list the platform.
            assertEquals(!slug.equals("open-webui"),
                    dev.embargo.intake.policy.SubmissionChannels.acceptsPlatformReports(p), slug);
        }
    }

    @Test
    void openWebUiRefusesReportsOnThePlatformWithItsOwnWords() {
        var verdict = SubmissionGate.check(policy("open-webui"), report("XSS", "details", "main", "bad", "poc", "fix"));
        assertEquals("channel-not-accepted", verdict.refusal().orElseThrow().kind());
        assertEquals(Refused.Why.CONFLICT, verdict.refusal().get().why());
        assertTrue(verdict.refusal().get().detail().startsWith("Any reports or solicitations arriving from sources"));
    }

    @Test
    void versionsAreNotFlaggedOnAGuessWhenThePolicyNamesNoLatestRelease() {
        var verdict = SubmissionGate.check(policy("openpanel"), report("Bug", "d", "1.9.0", null, null, null));
        assertTrue(verdict.findings().isEmpty(), verdict.findings().toString());
    }

    @Test
    void openWebUiRequiresProofOfConceptPatchAndADetailedDescription() {
        var onPlatform = new SecurityPolicy(null, null, null, null, null, null, null, null, null, null, null,
                List.of(new SecurityPolicy.Channel("PLATFORM", null, null)), null, false, null,
                policy("open-webui").lowEffort(), null);
        var verdict = SubmissionGate.check(onPlatform,
                report("XSS", "I found a vulnerability", "main", "bad", null, null));
        assertEquals("low-effort", verdict.refusal().orElseThrow().kind());
        // "No Vague Reports" names no length, and "repeat violators may be banned" no number: neither is invented.
        assertEquals(List.of("proof-of-concept-missing", "patch-missing"), verdict.refusal().get().reasons());
        assertEquals(0, policy("open-webui").lowEffort().banThreshold());
    }

    @Test
    void openPanelFlagsSelfXssOldVersionsAndIgnoresOutOfScopeWhenImpactIsDemonstrated() {
        var flagged = SubmissionGate.check(withLatest("openpanel", "2.4.0"),
                report("Self-XSS in settings", "A self-XSS in the profile", "1.9.0", null, null, null));
        assertTrue(flagged.accepted());
        assertTrue(flagged.findings().containsAll(List.of("out-of-scope:self-xss", "reproduce-on-latest")));
        var claimed = SubmissionGate.check(withLatest("openpanel", "2.4.0"), report("Self-XSS chained with CSRF",
                "A self-XSS becomes stored", "2.4.0", "account takeover", "poc.html", null));
        assertTrue(claimed.findings().contains("out-of-scope-impact-claimed:self-xss"));
        assertFalse(claimed.findings().contains("reproduce-on-latest"));
        assertTrue(policy("openpanel").disclosure().agreeWithReporter());
        assertTrue(policy("openpanel").credit().requiresPermission());
    }

    @Test
    void openPanelOutOfScopeClassesMatchWholeTermsOnly() {
        var windows = SubmissionGate.check(policy("openpanel"),
                report("Path traversal on Windows", "Windows paths escape the upload dir", "2.4.0", null, null, null));
        assertTrue(windows.findings().stream().noneMatch(f -> f.contains("volumetric-dos")),
                windows.findings().toString());
        var dos = SubmissionGate.check(policy("openpanel"),
                report("DoS", "A volumetric flood takes the API down", "2.4.0", null, null, null));
        assertTrue(dos.findings().contains("out-of-scope:volumetric-dos"));
    }

    @Test
    void podTreatsResourceExhaustionAsInScopeAndAdminOnlyIssuesAsOutOfScope() {
        var dos = SubmissionGate.check(policy("pod"), report("Denial of service",
                "Unbounded streams cause resource exhaustion", "0.0.12", "outage", null, null));
        assertEquals(List.of("in-scope:dos-resource-exhaustion"), dos.findings());
        var admin = SubmissionGate.check(policy("pod"),
                report("Stored script", "Requires admin access to the dashboard first", "latest", "none", null, null));
        assertTrue(admin.findings().contains("out-of-scope:self-xss-or-admin-required"));
        assertEquals(72, policy("pod").sla().acknowledge().amount());
        assertEquals(14, policy("pod").sla().fix().critical().amount());
    }

    @Test
    void fimSupportsLatestBackportsToPreviousMinorAndMayMoveLowSeverityToPublicTracker() {
        SecurityPolicy fim = withLatest("fim", "1.4.0");
        assertEquals(SecurityPolicy.SupportLevel.SUPPORTED,
                SubmissionGate.supportFor(fim.versions(), "v1.4.0").orElseThrow().level());
        assertEquals(SecurityPolicy.SupportLevel.SECURITY_FIXES_ONLY,
                SubmissionGate.supportFor(fim.versions(), "1.3.7").orElseThrow().level());
        assertEquals(SecurityPolicy.SupportLevel.UNSUPPORTED,
                SubmissionGate.supportFor(fim.versions(), "1.2.0").orElseThrow().level());
        assertTrue(fim.lowSeverityToPublicTracker());
        var thirdParty = SubmissionGate.check(fim,
                report("Vulnerable dependency", "An outdated dependency has a CVE", "1.4.0", "x", null, null));
        assertTrue(thirdParty.findings().contains("out-of-scope:third-party-dependency"));
        // Steps to reproduce "or a proof of concept": either satisfies the requirement.
        var pocOnly = new ReportContent("t", null, "1.4.0", "d", "i", null, "poc", null, null, List.of(), null);
        assertTrue(SubmissionGate.check(fim, pocOnly).accepted());
    }

    @Test
    void panelOrcaStatesNoVersionRulesAndOffersCreditOrAnonymity() {
        SecurityPolicy orca = policy("panelorca");
        var verdict = SubmissionGate.check(orca,
                new ReportContent("t", null, "0.1", "d", null, null, null, null, null, List.of(), null));
        assertTrue(verdict.accepted());
        assertTrue(verdict.findings().isEmpty());
        assertTrue(orca.credit().offered() && orca.credit().anonymityOnRequest());
        assertEquals("hello@panelorca.com", orca.channels().get(1).address());
    }

    @Test
    void previousMinorOfAMajorZeroReleaseDoesNotExist() {
        assertEquals("1.3", SubmissionGate.previousMinor("1.4.2").orElseThrow());
        assertTrue(SubmissionGate.previousMinor("2.0.0").isEmpty());
        assertTrue(SubmissionGate.previousMinor("main").isEmpty());
    }

    @Test
    void cvssVectorsOfVersionThreeOneAndFourAreValidatedByTheLibrary() {
        assertTrue(CvssRating.isValid("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertTrue(CvssRating.isValid("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        assertFalse(CvssRating.isValid("CVSS:3.1/AV:N/AC:Q"));
        assertFalse(CvssRating.isValid("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P"));
        assertFalse(CvssRating.isValid("not a vector"));
    }

    @Test
    void wholeWordMatchingAgreesWithTheRegularExpressionItReplaces() {
        List<String> texts = List.of("", "xss", "self-xss in settings", "selfxss", "xss2", "2xss", "the xss.", "(xss)",
                "über-xss", "xssé", "éxss", "xss xss1 1xss", "xss\u00b2", "\u2167xss", "xss_x", "dos-attack and dos",
                "rate limiting", "ratelimiting rate limiting");
        List<String> terms = List.of("xss", "self-xss", "dos", "rate limiting", "s-x", "ss");
        for (String text : texts) {
            for (String term : terms) {
                boolean regex = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])")
                        .matcher(text).find();
                assertEquals(regex, SubmissionGate.containsWord(text, term), term + " in " + text);
            }
        }
        // One deliberate difference: the regex's look-behind sees only half of a letter outside the BMP.
        assertFalse(SubmissionGate.containsWord("a\uD835\uDC00xss", "xss"), "a mathematical letter is a letter");
    }
}
