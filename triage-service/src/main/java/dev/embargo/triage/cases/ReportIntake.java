package dev.embargo.triage.cases;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;
import dev.embargo.platform.inbox.RejectedEventException;
import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.SlaPlan;
import io.quarkus.logging.Log;

/** Turns each submitted report into a case in {@code NEW}, with clocks from the policy it was checked against. */
@ApplicationScoped
class ReportIntake implements EventHandler {

    private final Cases cases;
    private final Projects projects;
    private final Sealing sealing;
    private final CaseFindings findings;

    ReportIntake(Cases cases, Projects projects, Sealing sealing, CaseFindings findings) {
        this.cases = cases;
        this.projects = projects;
        this.sealing = sealing;
        this.findings = findings;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE_REPORTS);
    }

    @Override
    public boolean accepts(String eventType) {
        return EventType.REPORT_SUBMITTED.type().equals(eventType);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        if (!(event instanceof ReportSubmitted r)) {
            return;
        }
        if (cases.existsForReport(r.reportId(), r.trackingId())) {
            // Same report under another event id (a re-publication): the case exists already.
            return;
        }
        ReportContent content;
        String contact;
        try {
            content = sealing.openSubmitted(r.reportId(), r.sealedContent());
            contact = sealing.openSubmittedContact(r.reportId(), r.sealedContact());
        } catch (RuntimeException e) {
            throw new RejectedEventException("sealed content does not open");
        }
        SlaPlan plan = projects.policy(r.projectId(), r.policyVersion()).map(ProjectPolicy::sla)
                .orElseGet(SlaPlan::none);
        Case c = Case.open(r.reportId(), r.trackingId(), r.projectId(), r.projectSlug(), r.policyVersion(),
                r.reportTokenHash(), r.reporterSubject(), r.submittedAt(), plan);
        sealing.seal(c, content, contact);
        cases.add(c);
        cases.flush();
        findings.record(c.id(), r);
        Log.debugf("case %s opened for project %s", r.trackingId(), r.projectSlug());
    }
}
