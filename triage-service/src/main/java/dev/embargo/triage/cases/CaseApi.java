package dev.embargo.triage.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.embargo.events.ReportContent;

/** Request and response bodies of the case APIs; separate from the entities on purpose. */
public final class CaseApi {

    private CaseApi() {
    }

    public record CaseSummary(String id, String trackingId, CaseState state, Resolution resolution, Severity severity,
            Double cvssScore, List<String> projects, String assignee, Instant submittedAt, Instant updatedAt,
            Instant nextDueAt) {
    }

    public record ProjectView(String slug, boolean lead, CaseProject.Status status, String fixedVersions,
            String statement, CaseProject.DateStance dateStance) {
    }

    public record MilestoneView(MilestoneKind kind, Instant startedAt, Instant dueAt, boolean paused, Instant settledAt,
            Instant breachedAt) {
    }

    public record CaseDetail(String id, String trackingId, CaseState state, Resolution resolution, String duplicateOf,
            Severity severity, String cvssVector, Double cvssScore, List<String> cweIds, String assignee,
            List<ProjectView> projects, Instant submittedAt, Instant updatedAt, LocalDate disclosureDate,
            Case.DisclosureStatus disclosureStatus, Instant publishNotBefore, boolean publicationForced, long version,
            List<MilestoneView> milestones, ReportContent content) {
    }

    public record HistoryView(int position, Instant occurredAt, String actor, String action, CaseState from,
            CaseState to, String reason) {
    }

    public record MessageView(String id, Instant postedAt, Message.AuthorKind authorKind, Message.Visibility visibility,
            String projectSlug, String text) {
    }

    /** {@code override}: a lead owner publishes although the guard is not met (needs a reason). */
    public record TransitionRequest(CaseWorkflow.Action action, String reason, Resolution resolution,
            String duplicateOf, String cvssVector, Severity severity, Long version, Boolean override) {
    }

    public record SeverityRequest(String cvssVector, Severity severity, List<String> cweIds, Long version) {
    }

    public record AssignRequest(String assignee) {
    }

    public record MessageRequest(Message.Visibility visibility, String projectSlug, String text) {
    }

    public record AddProjectRequest(String projectSlug) {
    }

    public record ProjectStatusRequest(CaseProject.Status status, String fixedVersions, String statement) {
    }

    public record DisclosureRequest(LocalDate date) {
    }

    /** A project's answer to the proposed disclosure date. */
    public enum Stance {
        AGREE, OBJECT
    }

    public record DateStanceRequest(Stance stance, String reason) {
    }

    /** What the reporter sees of their case: status and the deadlines the policy promised. */
    public record ReporterCaseView(String trackingId, CaseState state, Resolution resolution, Severity severity,
            Instant submittedAt, List<MilestoneView> deadlines, LocalDate disclosureDate,
            Case.DisclosureStatus disclosureStatus, ReportContent.CreditPreference credit) {
    }

    public record ReplyRequest(String text) {
    }

    /** No control characters (C0, C1, DEL) and no Unicode line separators: names end up in exports and mails. */
    static final String SINGLE_LINE = "^[^\\p{Cc}\\u2028\\u2029]*$";

    /** The same limits as intake's submission form: a credit lands in the OSV, CVE and CSAF exports. */
    public record CreditRequest(@NotNull ReportContent.Visibility visibility,
            @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String name,
            @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String handle,
            @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String link) {
    }

    static MilestoneView view(Milestone m) {
        return new MilestoneView(m.kind(), m.startedAt(), m.dueAt(), m.isPaused(), m.settledAt(), m.breachedAt());
    }

    static CaseSummary summary(Case c) {
        Instant next = c.milestones().stream().filter(m -> m.settledAt() == null && m.breachedAt() == null)
                .map(Milestone::dueAt).filter(d -> d != null).min(Instant::compareTo).orElse(null);
        return new CaseSummary(c.id(), c.trackingId(), c.state(), c.resolution(), c.severity(), c.cvssScore(),
                c.projectSlugs(), c.assignee(), c.submittedAt(), c.updatedAt(), next);
    }

    static CaseDetail detail(Case c, ReportContent content) {
        return new CaseDetail(c.id(), c.trackingId(), c.state(), c.resolution(), c.duplicateOf(), c.severity(),
                c.cvssVector(), c.cvssScore(), c.cweIds(), c.assignee(),
                c.projects().stream()
                        .map(p -> new ProjectView(p.projectSlug(), p.projectId().equals(c.projectId()), p.status(),
                                p.fixedVersions(), p.statement(), p.dateStance()))
                        .toList(),
                c.submittedAt(), c.updatedAt(), c.disclosureDate(), c.disclosureStatus(), c.publishNotBefore(),
                c.publicationForced(), c.version(), c.milestones().stream().map(CaseApi::view).toList(), content);
    }

    static HistoryView view(HistoryEntry e) {
        return new HistoryView(e.position(), e.occurredAt(), e.actor(), e.action(), e.from(), e.to(), e.reason());
    }
}
