package dev.embargo.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON of every event, byte for byte, as the codec wrote it before the records carried enums and before it used the
 * service's mapper (captured from the codec of that time with {@link EventCodecTest#sample}): consumers of older and
 * newer versions, and the webhooks built from events, see no difference.
 */
class EventJsonStabilityTest {

    /**
     * A mapper set up unlike the codec wants (dates as numbers, unknown members refused), as a service's could be: the
     * codec's own per-call settings must win.
     */
    static final EventCodec ON_A_SERVICE_MAPPER = new EventCodec(
            new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theJsonOfEveryEventIsUnchanged(EventType type) {
        LifecycleEvent event = EventCodecTest.sample(type);
        assertEquals(before(type), new String(EventCodecTest.CODEC.encode(event), StandardCharsets.UTF_8));
        assertEquals(before(type), new String(ON_A_SERVICE_MAPPER.encode(event), StandardCharsets.UTF_8));
        assertEquals(event, ON_A_SERVICE_MAPPER.decode(type.type(), before(type).getBytes(StandardCharsets.UTF_8)));
    }

    private static String before(EventType type) {
        return switch (type) {
        case PROJECT_REGISTERED -> "{\"projectId\":\"p1\",\"slug\":\"openpanel\",\"name\":\"OpenPanel\",\"homepage\":\"https://x.test\",\"regis"
                + "teredAt\":\"2026-11-22T10:15:30Z\"}";
        case PROJECT_POLICY_PUBLISHED -> "{\"projectId\":\"p1\",\"slug\":\"openpanel\",\"version\":2,\"publishedAt\":\"2026-11-22T10:15:30Z\",\"pol"
                + "icy\":{\"name\":\"OpenPanel\",\"policyUrl\":\"https://x.test/security\",\"componentsInScope\":[],\"inS"
                + "cope\":[],\"outOfScope\":[{\"id\":\"self-xss\",\"description\":\"Self-XSS\",\"terms\":[\"self-xss\"],\"unl"
                + "essDemonstratedImpact\":false}],\"sla\":{\"timeZone\":\"UTC\",\"workingDays\":[\"MONDAY\"],\"holidays\""
                + ":[],\"acknowledge\":{\"amount\":72,\"unit\":\"HOURS\"},\"needsInfoSilenceDays\":30,\"warningFraction\""
                + ":0.75},\"disclosure\":{\"deadlineDays\":90,\"headsUpDays\":7,\"agreeWithReporter\":true,\"publishOn"
                + "Deadline\":true},\"channels\":[],\"preferredLanguages\":[\"en\"],\"lowSeverityToPublicTracker\":fal"
                + "se}}";
        case PROJECT_MEMBERSHIP_CHANGED -> "{\"projectId\":\"p1\",\"slug\":\"openpanel\",\"memberSubject\":\"sub-1\",\"role\":\"MAINTAINER\",\"change\":"
                + "\"ADDED\",\"changedAt\":\"2026-11-22T10:15:30Z\"}";
        case REPORT_SUBMITTED -> "{\"reportId\":\"r1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectId\":\"p1\",\"projectSlug\":\"openpa"
                + "nel\",\"policyVersion\":1,\"submittedAt\":\"2026-11-22T10:15:30Z\",\"reportTokenHash\":\"aaaaaaaaaaa"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"sealedContent\":\"c2VhbGVk\",\"finding"
                + "s\":[\"out-of-scope:self-xss\"]}";
        case CASE_ACKNOWLEDGED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\"}";
        case CASE_TRIAGED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\",\"severity\":\"HIGH\",\"cvssScore\":8.1}";
        case CASE_NEEDS_INFO -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\"}";
        case CASE_MESSAGE_POSTED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"messageId\":\"msg1\",\"visibility\":\"REPORTER\",\"authorKind\":\"MAINTAIN"
                + "ER\"}";
        case CASE_PROJECT_ADDED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\",\"pod\"],\"occu"
                + "rredAt\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\",\"addedProjectSlug\":\"pod\"}";
        case CASE_FIXED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\"}";
        case CASE_CLOSED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\",\"resolution\":\"DUPLICATE\",\"duplicateOfTrackingId\":\"OP"
                + "ENPANEL-2026-0003\"}";
        case CASE_DISCLOSURE_SCHEDULED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"actor\":\"m1\",\"disclosureDate\":\"2027-01-15\",\"headsUpDays\":7}";
        case CASE_PUBLISHED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\",\"severity\":\"HIGH\",\"cvssScore\":8.1,\"advisory\":{\"name\":\"x\"},\"credit"
                + "s\":[{\"type\":\"FINDER\",\"name\":\"Ada\",\"handle\":\"ada\",\"anonymous\":false},{\"type\":\"REPORTER\",\"an"
                + "onymous\":true}]}";
        case CASE_REOPENED -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\"],\"occurredAt"
                + "\":\"2026-11-22T10:15:30Z\"}";
        case CASE_PUBLICATION_OVERRIDDEN -> "{\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlugs\":[\"openpanel\",\"pod\"],\"occu"
                + "rredAt\":\"2026-11-22T10:15:30Z\",\"actor\":\"o1\",\"publishAt\":\"2026-11-29T10:15:30Z\"}";
        case SLA_WARNING -> "{\"milestoneId\":\"m1\",\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlug\":\"openpa"
                + "nel\",\"milestone\":\"ACKNOWLEDGE\",\"dueAt\":\"2026-11-22T10:15:30Z\",\"occurredAt\":\"2026-11-22T10:"
                + "15:30Z\"}";
        case SLA_BREACHED -> "{\"milestoneId\":\"m1\",\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlug\":\"openpa"
                + "nel\",\"milestone\":\"FIX\",\"dueAt\":\"2026-11-22T10:15:30Z\",\"occurredAt\":\"2026-11-22T10:15:30Z\"}";
        case CREDIT_GRANTED -> "{\"creditId\":\"cr1\",\"caseId\":\"c1\",\"trackingId\":\"OPENPANEL-2026-0007\",\"projectSlug\":\"openpane"
                + "l\",\"creditType\":\"FINDER\",\"researcherSubject\":\"sub-9\",\"points\":40,\"anonymous\":false,\"grante"
                + "dAt\":\"2026-11-22T10:15:30Z\"}";
        };
    }
}
