package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.events.ReportContent;

/**
 * The reporter's own steps on their case, authorised by the report token (once per request): reply, agree to or counter
 * the disclosure instant, confirm the fix, change the credit, withdraw.
 */
@ApplicationScoped
class ReporterSteps {

    private final CaseAccess access;
    private final Sealing sealing;
    private final CasePolicies policies;
    private final CaseFacts facts;
    private final Clock clock;

    ReporterSteps(CaseAccess access, Sealing sealing, CasePolicies policies, CaseFacts facts, Clock clock) {
        this.access = access;
        this.sealing = sealing;
        this.policies = policies;
        this.facts = facts;
        this.clock = clock;
    }

    /** The reporter's reply (the caller checked their token); it answers a request for information. */
    Message postAsReporter(Case c, String text) {
        Instant now = clock.instant();
        c.reporterReplied(now);
        return facts.post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null, text,
                now);
    }

    /**
     * The reporter changes how they want to be credited (stored inside the encrypted content); the caller checked the
     * token first, so a wrong one learns nothing about the request's validity.
     */
    Case changeCredit(Case c, ReportContent.CreditPreference pref) {
        if (pref == null || pref.visibility() == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "visibility is PUBLIC, ANONYMOUS or NONE.");
        }
        if (pref.visibility() == ReportContent.Visibility.PUBLIC && (pref.name() == null || pref.name().isBlank())) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "A public credit needs a name.");
        }
        c.requireCreditChangeable();
        sealing.resealContent(c, sealing.content(c).withCredit(pref));
        return c;
    }

    /** The reporter confirms the fix works; recorded in the thread. */
    @Transactional
    public Case confirmFix(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        c.requireFixToConfirm();
        facts.post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null,
                "The reporter confirmed the fix.", clock.instant());
        return c;
    }

    @Transactional
    public Case withdraw(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.withdraw(now);
        facts.appendEvents(c, now);
        return c;
    }

    @Transactional
    public Case reporterAcceptsDisclosure(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.reporterAgrees(now, policies.notice(c));
        facts.appendEvents(c, now);
        return c;
    }

    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date) {
        return reporterCountersDisclosure(trackingId, token, date, null, null);
    }

    /** The reporter proposes another instant (same defaults as the maintainers' proposal). */
    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date, LocalTime time,
            String timeZone) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.counterDisclosure(DisclosureInstant.of(date, time, timeZone, policies.policyZone(c), now), now);
        return c;
    }
}
