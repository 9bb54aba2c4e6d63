package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.SecurityPolicy.Deadline;
import dev.embargo.events.SecurityPolicy.Unit;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Plays intake in tests: registers projects with a policy and members, and submits sealed reports. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A registered project with one maintainer (and their token). */
    public record TestProject(String id, String slug, String maintainer) {
        public String token() {
            return Tokens.of(maintainer);
        }
    }

    /** A submitted report: case id, tracking id and the reporter's token. */
    public record TestReport(String caseId, String trackingId, String reportToken, ReportSubmitted event) {
    }

    private Fixtures() {
    }

    public static String random(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The time zone of every fixture policy: a bare disclosure date is meant in it. */
    public static final ZoneId POLICY_ZONE = ZoneId.of("Europe/Berlin");

    public static SecurityPolicy policy() {
        return policy(7, null);
    }

    /** The test policy with its heads-up days and (null = absent) deadline-driven disclosure opt-in. */
    public static SecurityPolicy policy(int headsUpDays, Boolean publishOnDeadline) {
        var sla = new SecurityPolicy.Sla(POLICY_ZONE.getId(),
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                List.of(), new Deadline(72, Unit.HOURS), new Deadline(7, Unit.DAYS),
                new SecurityPolicy.FixTargets(new Deadline(14, Unit.DAYS), new Deadline(14, Unit.DAYS),
                        new Deadline(60, Unit.DAYS), null),
                14, 0.5);
        return new SecurityPolicy("Test policy", "https://example.org/security", null, List.of(), List.of(), List.of(),
                null, sla, new SecurityPolicy.Disclosure(90, headsUpDays, true, Boolean.TRUE.equals(publishOnDeadline)),
                new SecurityPolicy.CreditPolicy(true, true, true), null, List.of(), List.of("en"), false, null, null,
                null);
    }

    /** Registers a project with the test policy and one maintainer, and waits until triage knows the member. */
    public static TestProject project() {
        return project(policy());
    }

    /** Registers a project with the given policy and one maintainer. */
    public static TestProject project(SecurityPolicy policy) {
        String id = UUID.randomUUID().toString();
        String slug = random("proj").toLowerCase();
        String maintainer = random("maint");
        Instant now = Instant.now();
        TestEvents.publish(new ProjectRegistered(id, slug, "Project " + slug, "https://example.org", now));
        TestEvents.publish(new ProjectPolicyPublished(id, slug, 1, now, policy));
        addMember(id, slug, maintainer);
        var p = new TestProject(id, slug, maintainer);
        // The list answers 200 either way; an empty project list for a non-member is the same as no cases.
        return p;
    }

    public static void addMember(String projectId, String slug, String subject) {
        addMember(projectId, slug, subject, ProjectMembershipChanged.Role.MAINTAINER);
    }

    public static void addMember(String projectId, String slug, String subject, ProjectMembershipChanged.Role role) {
        TestEvents.publish(new ProjectMembershipChanged(projectId, slug, subject, subject + "@example.org", role,
                ProjectMembershipChanged.Change.ADDED, Instant.now()));
    }

    /** Adds an owner to the project and waits until triage lets them see the case; returns their subject. */
    public static String addOwner(TestProject project, String caseId) {
        String owner = random("owner");
        addMember(project.id(), project.slug(), owner, ProjectMembershipChanged.Role.OWNER);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().auth().oauth2(Tokens.of(owner)).get("/api/v1/cases/" + caseId).statusCode() == 200);
        return owner;
    }

    public static void removeMember(String projectId, String slug, String subject) {
        TestEvents.publish(new ProjectMembershipChanged(projectId, slug, subject, null,
                ProjectMembershipChanged.Role.MAINTAINER, ProjectMembershipChanged.Change.REMOVED, Instant.now()));
    }

    public static ReportContent content(String title, ReportContent.Visibility credit) {
        return new ReportContent(title, "api", "1.2.3", "Stored XSS in the comment field " + title, "Session theft",
                "1. post a comment", "<script>alert(1)</script>", null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
                List.of("CWE-79"), new ReportContent.CreditPreference(credit,
                        credit == ReportContent.Visibility.PUBLIC ? "Ada Lovelace" : null, "ada", null));
    }

    /** Submits a sealed report to the project and waits until its maintainer sees the case. */
    public static TestReport report(Ciphers ciphers, TestProject project, ReportContent.Visibility credit) {
        return report(ciphers, project, credit, Instant.now());
    }

    public static TestReport report(Ciphers ciphers, TestProject project, ReportContent.Visibility credit,
            Instant submittedAt) {
        return report(ciphers, project, credit, submittedAt, List.of());
    }

    /** A report with what intake's gate flagged on it, each finding with its policy sentence. */
    public static TestReport report(Ciphers ciphers, TestProject project, ReportContent.Visibility credit,
            Instant submittedAt, List<ReportSubmitted.Finding> findings) {
        return report(ciphers, project, credit, submittedAt, findings, null);
    }

    /** A report a signed-in reporter submitted: the case's reporter subject is theirs. */
    public static TestReport reportBy(Ciphers ciphers, TestProject project, String reporterSubject,
            Instant submittedAt) {
        return report(ciphers, project, ReportContent.Visibility.NONE, submittedAt, List.of(), reporterSubject);
    }

    private static TestReport report(Ciphers ciphers, TestProject project, ReportContent.Visibility credit,
            Instant submittedAt, List<ReportSubmitted.Finding> findings, String reporterSubject) {
        String reportId = UUID.randomUUID().toString();
        String tracking = project.slug().toUpperCase() + "-2026-" + (1000 + (int) (Math.random() * 9000));
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        try {
            String sealed = ciphers.transport().encryptToBase64(
                    JSON.writeValueAsString(content(random("title"), credit)), "report:" + reportId + ":content");
            String contact = ciphers.transport().encryptToBase64("reporter@example.org",
                    "report:" + reportId + ":contact");
            var event = new ReportSubmitted(reportId, tracking, project.id(), project.slug(), 1, submittedAt,
                    sha256(token), reporterSubject, sealed, contact,
                    findings.stream().map(ReportSubmitted.Finding::code).toList(), findings);
            TestEvents.publish(event);
            awaitCase(project, reportId);
            return new TestReport(reportId, tracking, token, event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request as a member of the project (its token), with a JSON body to come. */
    public static RequestSpecification as(TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }

    /** A workflow step on the report's case as a member of the project; it must succeed. */
    public static void act(TestProject p, TestReport r, Map<String, Object> transition) {
        as(p).body(transition).post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);
    }

    public static void awaitCase(TestProject project, String caseId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(project.token()).get("/api/v1/cases/" + caseId).statusCode() == 200);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
