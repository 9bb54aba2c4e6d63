package dev.embargo.triage.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseProjectAdded;
import dev.embargo.events.CasePublicationOverridden;
import dev.embargo.triage.access.Participant;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;

/** The case's own guards: the lead project moves it, each project speaks for itself, publication waits its guard. */
class CaseRolesTest {

    private static final String PARTNER = "p2";
    private static final Participant LEAD = Workflow.LEAD_MAINTAINER;
    private static final Participant OWNER = Workflow.LEAD_OWNER;
    private static final Participant PARTNER_OWNER = Participant.of("q", Map.of(PARTNER, Participant.Role.OWNER));
    private static final Duration MARGIN = Duration.ofHours(1);
    private static final HeadsUpNotice WEEK = new HeadsUpNotice(7, MARGIN);

    private static Case withPartner(CaseState state) {
        Case c = Workflow.caseIn(state == CaseState.CLOSED || state == CaseState.PUBLISHED ? CaseState.TRIAGED : state);
        c.addProject(LEAD, PARTNER, "partner", Workflow.T0.plusSeconds(1));
        if (state == CaseState.CLOSED) {
            c.close(LEAD, Workflow.T0.plusSeconds(2), Resolution.SPAM, null, null, null);
        } else if (state == CaseState.PUBLISHED) {
            c.overridePublication(OWNER, Workflow.T0.plusSeconds(2), "exploited", HeadsUpNotice.none());
        }
        c.takeEvents();
        return c;
    }

    static Stream<Arguments> leadOnlyCommands() {
        Instant t = Workflow.T0.plus(Duration.ofDays(1));
        return Stream.of(
                Arguments.of("acknowledge", CaseState.NEW, (Consumer<Case>) c -> c.acknowledge(PARTNER_OWNER, t, null)),
                Arguments.of("request info", CaseState.ACKNOWLEDGED,
                        (Consumer<Case>) c -> c.requestInfo(PARTNER_OWNER, t, null, Workflow.plan(14))),
                Arguments.of("triage", CaseState.ACKNOWLEDGED,
                        (Consumer<Case>) c -> c.triage(PARTNER_OWNER, t, Severity.HIGH, null, null, Workflow.plan(14),
                                null)),
                Arguments.of("start fix", CaseState.TRIAGED, (Consumer<Case>) c -> c.startFix(PARTNER_OWNER, t, null)),
                Arguments.of("mark fixed", CaseState.FIXING, (Consumer<Case>) c -> c.markFixed(PARTNER_OWNER, t, null)),
                Arguments.of("publish", CaseState.FIXED, (Consumer<Case>) c -> c.publish(PARTNER_OWNER, t, null)),
                Arguments.of("override", CaseState.FIXING,
                        (Consumer<Case>) c -> c.overridePublication(PARTNER_OWNER, t, "because", HeadsUpNotice.none())),
                Arguments.of("close", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.close(PARTNER_OWNER, t, Resolution.SPAM, null, null, null)),
                Arguments.of("reopen", CaseState.CLOSED, (Consumer<Case>) c -> c.reopen(PARTNER_OWNER, t, null)),
                Arguments.of("reopen published", CaseState.PUBLISHED,
                        (Consumer<Case>) c -> c.reopen(PARTNER_OWNER, t, null)),
                Arguments.of("add project", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.addProject(PARTNER_OWNER, "p3", "third", t)),
                Arguments.of("remove project", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.removeProject(PARTNER_OWNER, "partner", t)),
                Arguments.of("propose date", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.proposeDisclosure(PARTNER_OWNER, LocalDate.of(2026, 6, 1), t, true,
                                HeadsUpNotice.none())),
                Arguments.of("assign", CaseState.TRIAGED, (Consumer<Case>) c -> c.assign(PARTNER_OWNER, "q", t)),
                Arguments.of("rate", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.rate(PARTNER_OWNER, Severity.LOW, null, null, t)),
                Arguments.of("classify", CaseState.TRIAGED,
                        (Consumer<Case>) c -> c.classify(PARTNER_OWNER, List.of("CWE-79"), t)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leadOnlyCommands")
    void aPartnerProjectsOwnerCannotMoveTheCaseAndNothingChanges(String name, CaseState in, Consumer<Case> command) {
        Case c = withPartner(in);
        int history = c.history().size();
        var e = assertThrows(CaseRefusal.class, () -> command.accept(c));
        assertEquals(CaseRefusal.Kind.LEAD_ONLY, e.kind());
        assertEquals(in, c.state());
        assertEquals(history, c.history().size());
        assertEquals(List.of("demo", "partner"), c.projectSlugs());
        assertTrue(c.takeEvents().isEmpty());
    }

    @Test
    void aPartnerSetsItsOwnStatusButNotTheLeadsAndTheLeadNotThePartners() {
        Case c = withPartner(CaseState.FIXING);
        Instant t = Workflow.T0.plus(Duration.ofDays(1));
        c.updateProjectStatus(PARTNER_OWNER, "partner", CaseProject.Status.FIXED, "2.0.1", "patched", t);
        assertEquals(CaseProject.Status.FIXED, c.project(PARTNER).orElseThrow().status());
        assertEquals(CaseRefusal.Kind.NOT_YOUR_PROJECT, assertThrows(CaseRefusal.class,
                () -> c.updateProjectStatus(PARTNER_OWNER, "demo", CaseProject.Status.NOT_AFFECTED, null, null, t))
                        .kind());
        assertEquals(CaseRefusal.Kind.NOT_YOUR_PROJECT,
                assertThrows(CaseRefusal.class,
                        () -> c.updateProjectStatus(LEAD, "partner", CaseProject.Status.AFFECTED, null, null, t))
                                .kind());
        assertEquals(CaseProject.Status.UNDER_INVESTIGATION, c.project(Workflow.LEAD).orElseThrow().status());
        assertEquals(CaseProject.Status.FIXED, c.project(PARTNER).orElseThrow().status());
    }

    @Test
    void addingAProjectIsRecordedAndRegistersTheEventThatTellsItsOwners() {
        Case c = Workflow.caseIn(CaseState.TRIAGED);
        c.takeEvents();
        c.addProject(LEAD, PARTNER, "partner", Workflow.T0.plusSeconds(5));
        var added = assertInstanceOf(CaseProjectAdded.class, c.takeEvents().get(0));
        assertEquals("partner", added.addedProjectSlug());
        assertEquals("m", added.actor());
        assertEquals("ADD_PROJECT", c.history().get(c.history().size() - 1).action());
        assertEquals(CaseRefusal.Kind.PROJECT_ALREADY_AFFECTED,
                assertThrows(CaseRefusal.class, () -> c.addProject(LEAD, PARTNER, "partner", Workflow.T0)).kind());
        assertEquals(CaseRefusal.Kind.LEAD_PROJECT,
                assertThrows(CaseRefusal.class, () -> c.removeProject(LEAD, "demo", Workflow.T0)).kind());
    }

    @Test
    void theLeadCannotPublishAnUnfixedCaseOrBeforeTheAgreedDate() {
        Case c = withPartner(CaseState.FIXING);
        Instant t = Workflow.T0.plus(Duration.ofDays(1));
        var refused = assertThrows(CaseRefusal.class, () -> c.publish(LEAD, t, null));
        assertEquals(CaseRefusal.Kind.PUBLICATION_BLOCKED, refused.kind());
        assertEquals(List.of(CaseRefusal.Blocker.UNFIXED_PROJECTS, CaseRefusal.Blocker.DATE_NOT_AGREED),
                refused.blockers());

        c.updateProjectStatus(LEAD, "demo", CaseProject.Status.FIXED, "1.0.1", null, t);
        c.updateProjectStatus(PARTNER_OWNER, "partner", CaseProject.Status.NOT_AFFECTED, null, null, t);
        LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC).plusDays(10);
        c.proposeDisclosure(LEAD, date, t, false, HeadsUpNotice.none());
        assertEquals(List.of(CaseRefusal.Blocker.DATE_NOT_REACHED), c.publicationBlockers(t));
        assertFalse(c.publishIfDue(t));
        assertEquals(CaseState.FIXING, c.state());

        Instant onTheDate = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        c.publish(LEAD, onTheDate, null);
        assertEquals(CaseState.PUBLISHED, c.state());
    }

    @Test
    void aPartnersObjectionHoldsPublicationBackUntilANewDate() {
        Case c = withPartner(CaseState.FIXED);
        Instant t = Workflow.T0.plus(Duration.ofDays(1));
        c.updateProjectStatus(LEAD, "demo", CaseProject.Status.FIXED, null, null, t);
        c.updateProjectStatus(PARTNER_OWNER, "partner", CaseProject.Status.FIXED, null, null, t);
        LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC).plusDays(2);
        c.proposeDisclosure(LEAD, date, t, false, HeadsUpNotice.none());
        c.respondToDate(PARTNER_OWNER, "partner", false, "our release is later", t);
        Instant onTheDate = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertEquals(List.of(CaseRefusal.Blocker.PROJECT_OBJECTS_TO_DATE), c.publicationBlockers(onTheDate));
        assertEquals("DATE_OBJECTED_BY_PROJECT", c.history().get(c.history().size() - 1).action());
        c.proposeDisclosure(LEAD, date.plusDays(1), t, false, HeadsUpNotice.none());
        assertTrue(c.publicationBlockers(onTheDate.plus(Duration.ofDays(1))).isEmpty());
    }

    @Test
    void publicationWaitsForTheFullHeadsUpNoticeEvenWhenTheDateIsClose() {
        Case c = Workflow.caseIn(CaseState.FIXED);
        Instant agreedAt = Instant.parse("2026-04-01T15:00:00Z");
        c.updateProjectStatus(LEAD, "demo", CaseProject.Status.FIXED, null, null, agreedAt);
        // Two days ahead, seven days of notice: the notice goes out at once, publication a full week later.
        c.proposeDisclosure(LEAD, LocalDate.of(2026, 4, 3), agreedAt, false, WEEK);
        var scheduled = c.takeEvents().stream().filter(CaseDisclosureScheduled.class::isInstance)
                .map(CaseDisclosureScheduled.class::cast).findFirst().orElseThrow();
        assertEquals(7, scheduled.headsUpDays());
        Instant notBefore = agreedAt.plus(Duration.ofDays(7)).plus(MARGIN);
        assertEquals(notBefore, c.publishNotBefore());
        assertEquals(List.of(CaseRefusal.Blocker.HEADS_UP_PENDING),
                c.publicationBlockers(Instant.parse("2026-04-03T00:00:00Z")));
        assertFalse(c.publishIfDue(notBefore.minusSeconds(1)));
        assertTrue(c.publishIfDue(notBefore));

        Case far = Workflow.caseIn(CaseState.FIXED);
        far.updateProjectStatus(LEAD, "demo", CaseProject.Status.FIXED, null, null, agreedAt);
        far.proposeDisclosure(LEAD, LocalDate.of(2026, 5, 1), agreedAt, false, WEEK);
        assertEquals(Instant.parse("2026-05-01T00:00:00Z").plus(MARGIN), far.publishNotBefore());
    }

    @Test
    void onlyALeadOwnerOverridesAndOnlyWithAReason() {
        Case c = withPartner(CaseState.TRIAGED);
        Instant t = Workflow.T0.plus(Duration.ofDays(1));
        assertEquals(CaseRefusal.Kind.LEAD_OWNER_ONLY,
                assertThrows(CaseRefusal.class, () -> c.overridePublication(LEAD, t, "exploited", HeadsUpNotice.none()))
                        .kind());
        assertEquals(CaseRefusal.Kind.OVERRIDE_REASON_REQUIRED,
                assertThrows(CaseRefusal.class, () -> c.overridePublication(OWNER, t, " ", HeadsUpNotice.none()))
                        .kind());
        assertEquals(CaseState.TRIAGED, c.state());

        assertTrue(c.overridePublication(OWNER, t, "exploited in the wild", HeadsUpNotice.none()));
        assertEquals(CaseState.PUBLISHED, c.state());
        HistoryEntry override = c.history().get(c.history().size() - 2);
        assertEquals("OVERRIDE_PUBLICATION", override.action());
        assertEquals("o", override.actor());
        assertEquals("exploited in the wild", override.reason());
        var announced = c.takeEvents().stream().filter(CasePublicationOverridden.class::isInstance)
                .map(CasePublicationOverridden.class::cast).findFirst().orElseThrow();
        assertEquals(List.of("demo", "partner"), announced.projectSlugs());
        assertEquals(t, announced.publishAt());
    }

    @Test
    void anOverrideStillGivesHeadsUpSubscribersTheirFullNotice() {
        Case c = Workflow.caseIn(CaseState.FIXING);
        Instant t = Instant.parse("2026-04-01T15:00:00Z");
        assertFalse(c.overridePublication(OWNER, t, "exploited", WEEK));
        assertEquals(CaseState.FIXING, c.state());
        assertEquals(Case.DisclosureStatus.AGREED, c.disclosureStatus());
        assertEquals(LocalDate.of(2026, 4, 8), c.disclosureDate());
        Instant notBefore = t.plus(Duration.ofDays(7)).plus(MARGIN);
        assertEquals(notBefore, c.publishNotBefore());
        assertFalse(c.publishIfDue(notBefore.minusSeconds(1)));
        assertTrue(c.publishIfDue(notBefore), "the override waives the fix, not the notice");
        assertEquals(CaseState.PUBLISHED, c.state());
    }

    @Test
    void theDeadlineNeverPublishesAnUnfixedCaseWithoutTheOptIn() {
        for (CaseState state : List.of(CaseState.TRIAGED, CaseState.FIXING)) {
            Case c = Workflow.caseIn(state);
            c.takeEvents();
            Instant deadline = c.milestone(MilestoneKind.DISCLOSE).orElseThrow().dueAt();
            Instant later = deadline.plus(Duration.ofDays(365));
            assertFalse(c.disclosureDeadlinePassed(later, Set.of(), WEEK));
            assertFalse(c.publishIfDue(later));
            assertEquals(state, c.state());
            assertTrue(c.takeEvents().isEmpty());
            assertTrue(c.milestone(MilestoneKind.DISCLOSE).orElseThrow().settledAt() == null,
                    "the deadline stays an SLA milestone that breaches");
        }
    }

    @Test
    void aPolicyThatOptsInPublishesAtTheDeadlineAfterTheHeadsUpNotice() {
        Case c = withPartner(CaseState.FIXING);
        Instant deadline = c.milestone(MilestoneKind.DISCLOSE).orElseThrow().dueAt();
        assertFalse(c.disclosureDeadlinePassed(deadline.minusSeconds(1), Set.of(Workflow.LEAD, PARTNER), WEEK));
        // The partner did not opt in and is not fixed: nothing happens.
        assertFalse(c.disclosureDeadlinePassed(deadline, Set.of(Workflow.LEAD), WEEK));
        assertTrue(c.disclosureDeadlinePassed(deadline, Set.of(Workflow.LEAD, PARTNER), WEEK));
        assertEquals("DEADLINE_DISCLOSURE", c.history().get(c.history().size() - 1).action());
        assertFalse(c.publishIfDue(deadline));
        assertTrue(c.publishIfDue(deadline.plus(Duration.ofDays(7)).plus(MARGIN)));
    }
}
