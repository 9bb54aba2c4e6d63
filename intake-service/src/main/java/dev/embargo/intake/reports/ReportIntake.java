package dev.embargo.intake.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.Refused;
import dev.embargo.intake.policy.CurrentPolicies;
import dev.embargo.intake.policy.Policies;
import dev.embargo.intake.projects.TrackingIds;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.rules.CvssRating;
import dev.embargo.rules.ReportTokens;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The submission gate in action: checks a report against the project's current policy, refuses it with reasons or
 * stores it encrypted and emits {@code report.submitted} (content sealed) in the same transaction.
 */
@ApplicationScoped
class ReportIntake {

    /** Who submits: the OIDC subject when signed in, and the key their resubmissions and bans are tracked under. */
    record Reporter(String subject, String key) {
        /** A signed-in reporter by subject; an anonymous one by the pseudonym of their address. */
        static Reporter of(String subject, String clientPseudonym) {
            return subject != null ? new Reporter(subject, "sub:" + subject) : new Reporter(null, clientPseudonym);
        }
    }

    /** The stored report and the policy it was checked against; {@code token} only when this call created it. */
    record Outcome(Report report, Optional<String> token, SecurityPolicy policy) {
    }

    private final CurrentPolicies current;
    private final Policies policies;
    private final Reports reports;
    private final ReporterStandings standings;
    private final ReportVault vault;
    private final Ciphers ciphers;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json;

    ReportIntake(CurrentPolicies current, Policies policies, Reports reports, ReporterStandings standings,
            ReportVault vault, Ciphers ciphers, Outbox outbox, Clock clock, ObjectMapper json) {
        this.standings = standings;
        this.json = json;
        this.current = current;
        this.policies = policies;
        this.reports = reports;
        this.vault = vault;
        this.ciphers = ciphers;
        this.outbox = outbox;
        this.clock = clock;
    }

    Outcome submit(String slug, ReportContent content, String email, Reporter reporter,
            Optional<String> presentedToken) {
        CurrentPolicies.Current project = current.of(slug).orElseThrow(Refused::notFound);
        Policies.Published policy = project.policy().orElseThrow(() -> Refused.conflict("not-accepting-reports",
                "This project has not published a security policy yet and cannot take reports."));
        // A banned reporter hears only that they are banned, whatever they send. An acceptable report learns it from
        // the statement that claims its tracking number (no read of its own); a refused one asks before it is refused.
        if (content.cvssVector() != null && !CvssRating.isValid(content.cvssVector())) {
            refuseIfBanned(project, reporter);
            throw new Refused(Refused.Why.UNACCEPTABLE, "invalid-cvss", "Invalid CVSS vector",
                    "cvssVector must be a complete CVSS v3.1 or v4.0 vector string.");
        }
        content = withCreditDefault(policy.policy(), content);
        SubmissionGate.Verdict verdict = SubmissionGate.check(policy.policy(), content);
        if (verdict.refusal().isPresent()) {
            refuseIfBanned(project, reporter);
            SubmissionGate.Refusal refusal = verdict.refusal().get();
            if (refusal.kind().equals("low-effort")) {
                strike(project, reporter, policy.policy().lowEffort());
            }
            Refused problem = new Refused(refusal.why(), refusal.kind(), "Report refused", refusal.detail())
                    .with("missingFields", refusal.missingFields());
            if (refusal.kind().equals("channel-not-accepted")) {
                problem = problem.with("channels", policy.policy().channels());
            }
            if (refusal.kind().equals("low-effort") && policy.policy().lowEffort() != null
                    && policy.policy().lowEffort().statement() != null) {
                problem = problem.with("policyStatement", policy.policy().lowEffort().statement());
            }
            throw refusal.reasons().isEmpty() ? problem : problem.with("reasons", refusal.reasons());
        }
        String identity = presentedToken.flatMap(t -> reportHoldingToken(project, t)).map(Report::reporterKey)
                .orElse(reporter.key());
        String contentJson = json(content);
        String fingerprint = fingerprint(project.projectId(), identity, contentJson, email);
        Prepared prepared = prepare(content, contentJson, email, policy.policy().sla());
        return QuarkusTransaction.requiringNew()
                .call(() -> store(project, reporter, fingerprint, prepared, policy, verdict.findings()));
    }

    /**
     * A policy that credits reporters "unless they prefer to remain anonymous" credits a report that states no
     * preference; one that credits only with permission does not. An explicit preference always wins.
     */
    static ReportContent withCreditDefault(SecurityPolicy policy, ReportContent content) {
        SecurityPolicy.CreditPolicy credit = policy.credit();
        if (content.credit() != null || credit == null || !credit.offered() || credit.requiresPermission()) {
            return content;
        }
        return content
                .withCredit(new ReportContent.CreditPreference(ReportContent.Visibility.PUBLIC, null, null, null));
    }

    /** What a new report is made of, all computed before its transaction: none of it needs a lock or a tracking id. */
    private record Prepared(UUID id, Instant submittedAt, String token, String tokenHash, Instant acknowledgeDue,
            Map<String, byte[]> sealedFields, String sealedContent, String sealedContact) {
    }

    private Prepared prepare(ReportContent content, String contentJson, String email, SecurityPolicy.Sla sla) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String token = ReportTokens.generate();
        Instant ackDue = sla == null || sla.acknowledge() == null ? null : SlaClock.due(now, sla.acknowledge(), sla);
        return new Prepared(id, now, token, ReportTokens.hash(token), ackDue, vault.seal(id, content, email),
                ciphers.transport().encryptToBase64(contentJson, "report:" + id + ":content"),
                email == null ? null : ciphers.transport().encryptToBase64(email, "report:" + id + ":contact"));
    }

    private Outcome store(CurrentPolicies.Current project, Reporter reporter, String fingerprint, Prepared prepared,
            Policies.Published policy, List<String> findings) {
        int policyVersion = policy.version();
        // No project row lock: different reports to one project never wait for each other. Only identical submissions
        // queue on their fingerprint, so a resubmission racing its original still finds it and creates nothing. The
        // number is drawn only when no report has the fingerprint and the reporter is not banned, so neither a
        // resubmission nor a banned reporter burns one. Numbers increase but may have gaps: one drawn by a submission
        // whose transaction then rolls back is not reused.
        Reports.Claim claim = reports.lockAndClaim(project.projectId(), fingerprint, reporter.key());
        if (claim.reporterBanned()) {
            throw banned();
        }
        if (claim.existing().isPresent()) {
            Report existing = reports.byId(claim.existing().get()).orElseThrow();
            Log.debugf("identical resubmission of report %s", existing.trackingId());
            return new Outcome(existing, Optional.empty(),
                    policies.version(project.projectId(), existing.policyVersion()).map(Policies.Published::policy)
                            .orElse(policy.policy()));
        }
        String trackingId = TrackingIds.format(project.slug(), claim.number(), prepared.submittedAt());
        UUID id = prepared.id();
        var report = new Report(id, project.projectId(), trackingId, policyVersion, prepared.submittedAt(),
                reporter.subject(), reporter.key(), fingerprint, prepared.tokenHash(), findings,
                prepared.acknowledgeDue(), prepared.sealedFields());
        // The report and its event are one round trip: the insert travels with the outbox row.
        outbox.appendWith(reports.insertOf(report),
                new ReportSubmitted(id.toString(), trackingId, project.projectId().toString(), project.slug(),
                        policyVersion, prepared.submittedAt(), prepared.tokenHash(), reporter.subject(),
                        prepared.sealedContent(), prepared.sealedContact(), findings,
                        FindingSentences.explain(policy.policy(), findings)));
        // DEBUG, not INFO: a line per submission is formatted for nobody in production (the event and metrics count
        // them).
        Log.debugf("report %s submitted to %s against policy version %d", trackingId, project.slug(), policyVersion);
        return new Outcome(report, Optional.of(prepared.token()), policy.policy());
    }

    private void refuseIfBanned(CurrentPolicies.Current project, Reporter reporter) {
        if (standings.existing(project.projectId(), reporter.key()).map(ReporterStanding::isBanned).orElse(false)) {
            throw banned();
        }
    }

    private static Refused banned() {
        return Refused.notAllowed("reporter-banned",
                "You may no longer submit reports to this project after repeated non-compliant submissions.");
    }

    private void strike(CurrentPolicies.Current project, Reporter reporter, SecurityPolicy.LowEffort rules) {
        int threshold = rules == null ? 0 : rules.banThreshold();
        QuarkusTransaction.requiringNew().run(() -> {
            ReporterStanding standing = standings.of(project.projectId(), reporter.key());
            standing.strike(threshold, clock.instant());
            if (standing.isBanned()) {
                Log.infof("a reporter was banned from %s after %d non-compliant reports", project.slug(),
                        standing.strikes());
            }
        });
    }

    /** The report whose token this is, compared in constant time; the token only ever arrives in a header. */
    private Optional<Report> reportHoldingToken(CurrentPolicies.Current project, String token) {
        return reports.byTokenHash(project.projectId(), ReportTokens.hash(token))
                .filter(r -> ReportTokens.matches(token, r.tokenHash()));
    }

    /** Same reporter, same project, same content (whitespace and case of the email aside) → same fingerprint. */
    static String fingerprint(UUID projectId, String reporterKey, String contentJson, String email) {
        String normalised = contentJson.replace("\\r\\n", "\\n");
        return ReportTokens.sha256Hex(projectId + "\n" + reporterKey + "\n" + normalised + "\n"
                + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT)));
    }

    private String json(ReportContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report content does not serialise");
        }
    }
}
