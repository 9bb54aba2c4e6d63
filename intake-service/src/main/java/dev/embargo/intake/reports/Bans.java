package dev.embargo.intake.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.intake.Refused;
import dev.embargo.intake.audit.AuditLog;
import dev.embargo.intake.projects.Project;

/** Owners lifting a reporter's ban: the standing is cleared and the audit log says who did it. */
@ApplicationScoped
class Bans {

    private final ReporterStandings standings;
    private final AuditLog audit;

    Bans(ReporterStandings standings, AuditLog audit) {
        this.standings = standings;
        this.audit = audit;
    }

    @Transactional
    void lift(Project project, String reporter, AuditLog.Actor actor) {
        standings.existing(project.id(), reporter).orElseThrow(Refused::notFound).lift();
        audit.record(actor, project.id(), project.slug(), AuditLog.Action.BAN_LIFTED, reporter, null);
    }
}
