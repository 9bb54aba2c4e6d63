package dev.embargo.triage.cases;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.rules.ReportTokens;
import dev.embargo.triage.access.Participant;
import dev.embargo.triage.access.Participants;

/**
 * Who may see a case, decided once per request: maintainers of one of its projects (as the membership read model says
 * now), or the reporter holding the report token. Anything else is the same 404 as a case that does not exist.
 */
@ApplicationScoped
public class CaseAccess {

    /** A maintainer and the case they may see. */
    public record Maintainer(Participant by, Case aCase) {
    }

    private final Cases cases;
    private final Participants participants;

    CaseAccess(Cases cases, Participants participants) {
        this.cases = cases;
        this.participants = participants;
    }

    /** The case with the subject as a participant, if they maintain one of its projects; else 404. */
    public Maintainer maintainer(String caseId, String subject) {
        Participant by = participants.of(subject);
        return new Maintainer(by, visible(caseId, by));
    }

    /** The case, if the participant maintains one of its projects; else 404. */
    public Case visible(String caseId, Participant by) {
        return cases.byId(caseId).filter(c -> c.visibleTo(by)).orElseThrow(CaseRefusal::notFound);
    }

    /** The case, if the token's hash matches the one intake recorded (compared in constant time); else 404. */
    public Case forReporter(String trackingId, String token) {
        if (token == null || token.isBlank() || trackingId == null) {
            throw CaseRefusal.notFound();
        }
        Case c = cases.byTrackingId(trackingId).orElse(null);
        if (!ReportTokens.matches(token, c == null ? null : c.reportTokenHash())) {
            throw CaseRefusal.notFound();
        }
        return c;
    }
}
