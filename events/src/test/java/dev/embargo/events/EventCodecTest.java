package dev.embargo.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EventCodecTest {

    static final EventCodec CODEC = new EventCodec();
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final List<String> SLUGS = List.of("openpanel");
    static final String TRK = "OPENPANEL-2026-0007";

    static final SecurityPolicy POLICY = new SecurityPolicy("OpenPanel", "https://x.test/security", null, List.of(),
            List.of(), List.of(new SecurityPolicy.ScopeRule("self-xss", "Self-XSS", List.of("self-xss"), false)), null,
            new SecurityPolicy.Sla("UTC", List.of(DayOfWeek.MONDAY), List.of(),
                    new SecurityPolicy.Deadline(72, SecurityPolicy.Unit.HOURS), null, null, 30, 0.75),
            new SecurityPolicy.Disclosure(90, 7, true, true), null, null, List.of(), List.of("en"), false, null, null,
            null);

    static LifecycleEvent sample(EventType type) {
        JsonNode policy = CODEC.mapper().createObjectNode().put("name", "x");
        return switch (type) {
        case PROJECT_REGISTERED -> new ProjectRegistered("p1", "openpanel", "OpenPanel", "https://x.test", NOW);
        case PROJECT_POLICY_PUBLISHED -> new ProjectPolicyPublished("p1", "openpanel", 2, NOW, POLICY);
        case PROJECT_MEMBERSHIP_CHANGED -> new ProjectMembershipChanged("p1", "openpanel", "sub-1", null,
                ProjectMembershipChanged.Role.MAINTAINER, ProjectMembershipChanged.Change.ADDED, NOW);
        case REPORT_SUBMITTED -> new ReportSubmitted("r1", TRK, "p1", "openpanel", 1, NOW, "a".repeat(64), null,
                "c2VhbGVk", null, List.of("out-of-scope:self-xss"));
        case CASE_ACKNOWLEDGED -> new CaseAcknowledged("c1", TRK, SLUGS, NOW, "m1");
        case CASE_TRIAGED -> new CaseTriaged("c1", TRK, SLUGS, NOW, "m1", Severity.HIGH, 8.1);
        case CASE_NEEDS_INFO -> new CaseNeedsInfo("c1", TRK, SLUGS, NOW, "m1");
        case CASE_MESSAGE_POSTED -> new CaseMessagePosted("c1", TRK, SLUGS, NOW, "msg1",
                CaseMessagePosted.Visibility.REPORTER, CaseMessagePosted.AuthorKind.MAINTAINER, null);
        case CASE_PROJECT_ADDED -> new CaseProjectAdded("c1", TRK, List.of("openpanel", "pod"), NOW, "m1", "pod");
        case CASE_FIXED -> new CaseFixed("c1", TRK, SLUGS, NOW, "m1");
        case CASE_CLOSED -> new CaseClosed("c1", TRK, SLUGS, NOW, "m1", CaseClosed.Resolution.DUPLICATE,
                "OPENPANEL-2026-0003");
        case CASE_DISCLOSURE_SCHEDULED -> new CaseDisclosureScheduled("c1", TRK, SLUGS, NOW, "m1",
                LocalDate.of(2027, 1, 15), 7);
        case CASE_PUBLISHED -> new CasePublished("c1", TRK, SLUGS, NOW, Severity.HIGH, 8.1, null, policy,
                List.of(new CasePublished.Credit(CreditType.FINDER, "Ada", "ada", null, false, null),
                        new CasePublished.Credit(CreditType.REPORTER, null, null, null, true, null)));
        case CASE_REOPENED -> new CaseReopened("c1", TRK, SLUGS, NOW, null);
        case CASE_PUBLICATION_OVERRIDDEN -> new CasePublicationOverridden("c1", TRK, List.of("openpanel", "pod"), NOW,
                "o1", NOW.plusSeconds(7 * 86400));
        case SLA_WARNING -> new SlaWarning("m1", "c1", TRK, "openpanel", SlaMilestone.ACKNOWLEDGE, NOW, NOW);
        case SLA_BREACHED -> new SlaBreached("m1", "c1", TRK, "openpanel", SlaMilestone.FIX, NOW, NOW);
        case CREDIT_GRANTED -> new CreditGranted("cr1", "c1", TRK, "openpanel", CreditType.FINDER, "sub-9", 40, false,
                NOW);
        };
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventRoundTripsThroughItsSchema(EventType type) {
        LifecycleEvent event = sample(type);
        byte[] json = CODEC.encode(event);
        assertEquals(event, CODEC.decode(type.type(), json));
        assertEquals(type, EventType.of(event));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDeclaresEveryRecordComponentAndRequiresOnlyExistingOnes(EventType type) throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
            schema = CODEC.mapper().readTree(in);
        }
        Set<String> components = new HashSet<>();
        Arrays.stream(type.recordType().getRecordComponents()).forEach(c -> components.add(c.getName()));
        Set<String> declared = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(declared::add);
        assertEquals(components, declared, "schema properties of " + type.type());
        schema.get("required").forEach(r -> assertTrue(components.contains(r.asText()), r.asText()));
    }

    @Test
    void theOptionalMembersOfIssue14RoundTripAndOlderEventsStillDecode() {
        var submitted = new ReportSubmitted("r1", TRK, "p1", "pod", 1, NOW, "a".repeat(64), null, "c2VhbGVk", null,
                List.of("known-design-decision:optional-api-key-auth"),
                List.of(new ReportSubmitted.Finding("known-design-decision:optional-api-key-auth",
                        "API key auth is optional and controlled by settings.requireApiKey.")));
        assertEquals(submitted, CODEC.decode("report.submitted.v1", CODEC.encode(submitted)));
        var scheduled = new CaseDisclosureScheduled("c1", TRK, SLUGS, NOW, "m1", LocalDate.of(2026, 12, 11), null,
                Instant.parse("2026-12-11T19:00:00Z"), "America/New_York");
        assertEquals(scheduled, CODEC.decode("case.disclosure-scheduled.v1", CODEC.encode(scheduled)));
        var full = new SecurityPolicy("Pod", null, null, null, null, null, null,
                new SecurityPolicy.Sla(null, null, null,
                        new SecurityPolicy.Deadline(48, SecurityPolicy.Unit.BUSINESS_HOURS), null,
                        new SecurityPolicy.FixTargets(null, new SecurityPolicy.Deadline(2, SecurityPolicy.Unit.WEEKS),
                                null, null, "high: 2 weeks"),
                        null, null, "statement"),
                new SecurityPolicy.Disclosure(null, null, false, false, "After fix is released"), null, null,
                List.of(new SecurityPolicy.Channel("PLATFORM", null, null)), null, true, null, null, null,
                new SecurityPolicy.Reporting(true, "others dismissed", "no public issues"),
                List.of(new SecurityPolicy.ScopeRule("d", "by design", List.of("design"), false)),
                List.of(new SecurityPolicy.ExtraField("fileOrEndpoint", "the file or endpoint involved",
                        SecurityPolicy.Requirement.OPTIONAL)),
                new SecurityPolicy.PublicRoute("security", SecurityPolicy.Severity.LOW, "low severity"),
                List.of("be nice"), List.of(new SecurityPolicy.PriorCredit("@geo-chen", "BOLA", "June 2026")));
        var published = new ProjectPolicyPublished("p1", "pod", 3, NOW, full);
        assertEquals(published, CODEC.decode("project.policy-published.v1", CODEC.encode(published)));
        // An event of the first version (no findingDetails) decodes with the new member absent.
        ReportSubmitted old = (ReportSubmitted) CODEC.decode("report.submitted.v1",
                CODEC.encode(sample(EventType.REPORT_SUBMITTED)));
        assertEquals(null, old.findingDetails());
    }

    @Test
    void toleratesUnknownOptionalFieldFromNewerMinorVersion() {
        ObjectNode tree = CODEC.mapper().valueToTree(sample(EventType.CASE_ACKNOWLEDGED));
        tree.put("addedInLaterVersion", "whatever");
        byte[] json = tree.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(sample(EventType.CASE_ACKNOWLEDGED), CODEC.decode("case.acknowledged.v1", json));
    }

    @Test
    void refusesToEncodeEventThatViolatesItsSchema() {
        // The severity is an enum now, so no record can hold a bad one; a bad tracking id and score still can.
        var bad = new CaseTriaged("c1", "APOCALYPTIC", SLUGS, NOW, "m1", Severity.HIGH, 11.0);
        var e = assertThrows(InvalidEventException.class, () -> CODEC.encode(bad));
        assertTrue(e.getMessage().contains("/trackingId"), e.getMessage());
        assertTrue(e.getMessage().contains("/cvssScore"), e.getMessage());
        assertFalse(e.getMessage().contains("APOCALYPTIC"), "message must not echo values");
    }

    @Test
    void refusesToDecodeAnEnumValueItsSchemaDoesNotList() {
        ObjectNode tree = CODEC.mapper().valueToTree(sample(EventType.CASE_TRIAGED));
        tree.put("severity", "APOCALYPTIC");
        byte[] json = tree.toString().getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(InvalidEventException.class, () -> CODEC.decode("case.triaged.v1", json));
        assertTrue(e.getMessage().contains("/severity"), e.getMessage());
        assertFalse(e.getMessage().contains("APOCALYPTIC"), "message must not echo values");
    }

    @Test
    void rejectsMissingRequiredFieldWrongTypeAndGarbage() {
        assertThrows(InvalidEventException.class,
                () -> CODEC.decode("case.fixed.v1", "{\"caseId\":\"c1\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidEventException.class,
                () -> CODEC.decode("case.fixed.v1",
                        ("{\"caseId\":1,\"trackingId\":\"" + TRK + "\",\"projectSlugs\":[\"a1\"],\"occurredAt\":\"x\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidEventException.class,
                () -> CODEC.decode("case.fixed.v1", "not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidEventException.class,
                () -> CODEC.decode("case.unknown.v9", "{}".getBytes(StandardCharsets.UTF_8)));
    }
}
