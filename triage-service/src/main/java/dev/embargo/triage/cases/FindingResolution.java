package dev.embargo.triage.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Resolves a flagged report in one step on one of its findings: closes it (out of scope, or not applicable for a
 * documented design decision) or asks the reporter to reproduce, with the policy's own words as the reason the reporter
 * reads in their thread.
 */
@ApplicationScoped
class FindingResolution {

    private final CaseAccess access;
    private final CaseFindings findings;
    private final CaseWorkflow workflow;

    FindingResolution(CaseAccess access, CaseFindings findings, CaseWorkflow workflow) {
        this.access = access;
        this.findings = findings;
        this.workflow = workflow;
    }

    @Transactional
    public Case resolve(String caseId, String actor, String code, Long expectedVersion) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        CaseFinding finding = findings.of(c.id()).stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(CaseRefusal::notFound);
        String words = finding.policySentence();
        if (finding.closingResolution().isPresent()) {
            Resolution resolution = finding.closingResolution().get();
            String reason = words == null ? "Closed under the project's policy (" + code + ")."
                    : (resolution == Resolution.NOT_APPLICABLE ? "Known design decision in the project's policy: "
                            : "Out of scope under the project's policy: ") + words;
            workflow.transition(c, m.by(), new CaseWorkflow.Transition(CaseWorkflow.Action.CLOSE, reason, resolution,
                    null, null, null, expectedVersion, false));
            workflow.postAsMaintainer(c, m.by(), Message.Visibility.REPORTER, null, reason);
        } else if (finding.asksReporter()) {
            String reason = words == null ? "Please reproduce the issue on the latest release."
                    : "Please reproduce the issue on a supported release. The project's policy says: " + words;
            workflow.transition(c, m.by(), new CaseWorkflow.Transition(CaseWorkflow.Action.REQUEST_INFO, reason, null,
                    null, null, null, expectedVersion, false));
            workflow.postAsMaintainer(c, m.by(), Message.Visibility.REPORTER, null, reason);
        } else {
            throw CaseRefusal.of(CaseRefusal.Kind.FINDING_NOT_RESOLVABLE,
                    "This finding does not resolve the report on its own; use the workflow.");
        }
        return c;
    }
}
