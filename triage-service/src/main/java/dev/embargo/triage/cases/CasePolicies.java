package dev.embargo.triage.cases;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.SlaPlan;

/** What the policies of a case's projects say, as its steps need it: clocks, zone, heads-up notice, deadline rule. */
@ApplicationScoped
class CasePolicies {

    private final Projects projects;
    private final DisclosureConfig disclosure;

    CasePolicies(Projects projects, DisclosureConfig disclosure) {
        this.projects = projects;
        this.disclosure = disclosure;
    }

    /** The lead project's policy version the report was checked against. */
    Optional<ProjectPolicy> policy(Case c) {
        return projects.policy(c.projectId(), c.policyVersion());
    }

    String policyZone(Case c) {
        return policy(c).map(ProjectPolicy::timeZone).orElse(null);
    }

    SlaPlan plan(Case c) {
        return policy(c).map(ProjectPolicy::sla).orElseGet(SlaPlan::none);
    }

    SlaPlan currentPlan(String projectId) {
        return projects.currentPolicy(projectId).map(ProjectPolicy::sla).orElseGet(SlaPlan::none);
    }

    /** The policy a project speaks by on the case: the lead's checked version, a partner's latest. */
    private Optional<ProjectPolicy> policyOf(Case c, CaseProject p) {
        int version = p.projectId().equals(c.projectId()) ? c.policyVersion() : Integer.MAX_VALUE;
        return projects.policy(p.projectId(), version);
    }

    /** The longest heads-up any of the case's projects promises its subscribers. */
    HeadsUpNotice notice(Case c) {
        int days = 0;
        for (CaseProject p : c.projects()) {
            days = Math.max(days, policyOf(c, p).map(ProjectPolicy::headsUpDays).orElse(0));
        }
        return new HeadsUpNotice(days, disclosure.headsUpMargin());
    }

    Set<String> projectsPublishingOnDeadline(Case c) {
        Set<String> optedIn = new HashSet<>();
        for (CaseProject p : c.projects()) {
            if (policyOf(c, p).map(ProjectPolicy::publishesOnDeadline).orElse(false)) {
                optedIn.add(p.projectId());
            }
        }
        return optedIn;
    }
}
