package dev.embargo.triage.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.embargo.events.ReportContent;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;

/** Request and response bodies of the case APIs; separate from the entities on purpose. */
public final class CaseApi {

    private CaseApi() {
    }

    public record CaseSummary(String id, String trackingId, CaseState state, Resolution resolution, Severity severity,
            Double cvssScore, List<String> projects, String assignee, Instant submittedAt, Instant updatedAt,
            Instant nextDueAt, List<String> findings) {
    }

    /**
     * What intake's gate flagged, with the policy's sentence behind it, and the one step that resolves it:
     * {@code closesAs} (close with the policy's words as the reason) or {@code asksReporter} (ask to reproduce).
     */
    public record FindingView(String code, String policySentence, Resolution closesAs, boolean asksReporter) {
    }

    /** One-step resolution of a flagged report; {@code version} detects concurrent edits. */
    public record FindingResolutionRequest(Long version) {
    }

    public record ProjectView(String slug, boolean lead, CaseProject.Status status, String fixedVersions,
            String statement, CaseProject.DateStance dateStance) {
    }

    /** One SLA clock; {@code project} is the affected project whose policy set it. */
    public record MilestoneView(MilestoneKind kind, String project, Instant startedAt, Instant dueAt, boolean paused,
            Instant settledAt, Instant breachedAt) {
    }

    public record CaseDetail(String id, String trackingId, CaseState state, Resolution resolution, String duplicateOf,
            Severity severity, String cvssVector, Double cvssScore, List<String> cweIds, String assignee,
            List<ProjectView> projects, Instant submittedAt, Instant updatedAt, LocalDate disclosureDate,
            Case.DisclosureStatus disclosureStatus, Instant publishNotBefore, boolean publicationForced, long version,
            List<MilestoneView> milestones, ReportContent content, List<FindingView> findings,
            DisclosureView disclosure, List<Case.Step> actions) {
    }

    public record HistoryView(int position, Instant occurredAt, String actor, String action, CaseState from,
            CaseState to, String reason) {
    }

    public record MessageView(String id, Instant postedAt, Message.AuthorKind authorKind, Message.Visibility visibility,
            String projectSlug, String text) {
    }

    /** {@code override}: a lead owner publishes although the guard is not met (needs a reason). */
    public record TransitionRequest(@NotNull CaseWorkflow.Action action, String reason, Resolution resolution,
            String duplicateOf, String cvssVector, Severity severity, Long version, Boolean override) {
    }

    public record SeverityRequest(String cvssVector, Severity severity, List<String> cweIds, Long version) {
    }

    public record AssignRequest(String assignee) {
    }

    public record MessageRequest(@NotNull Message.Visibility visibility, String projectSlug,
            @NotBlank @Size(max = MESSAGE_MAX) String text) {
    }

    public record AddProjectRequest(String projectSlug) {
    }

    public record ProjectStatusRequest(@NotNull CaseProject.Status status, @Size(max = 500) String fixedVersions,
            @Size(max = 4000) String statement) {
    }

    /**
     * @param time
     *            the hour agreed on (start of the day when absent)
     * @param timeZone
     *            the IANA zone date and hour are meant in (the lead project's policy zone, else UTC, when absent)
     */
    public record DisclosureRequest(LocalDate date, LocalTime time, String timeZone) {
    }

    /**
     * The coordinated disclosure instant as everyone reads it: the instant, the zone it was agreed in with the local
     * time there, and the local time in the reader's own zone ({@code ?tz=Europe/Berlin}) when they asked for it.
     */
    public record DisclosureView(Instant at, String timeZone, String agreedLocal, String readerLocal) {
    }

    /** A project's answer to the proposed disclosure date. */
    public enum Stance {
        AGREE, OBJECT
    }

    public record DateStanceRequest(@NotNull Stance stance, @Size(max = 2000) String reason) {
    }

    /** What the reporter sees of their case: status and the deadlines the policy promised. */
    public record ReporterCaseView(String trackingId, CaseState state, Resolution resolution, Severity severity,
            Instant submittedAt, List<MilestoneView> deadlines, LocalDate disclosureDate,
            Case.DisclosureStatus disclosureStatus, ReportContent.CreditPreference credit, DisclosureView disclosure) {
    }

    public record ReplyRequest(@NotBlank @Size(max = MESSAGE_MAX) String text) {
    }

    /** A signed-in reporter's own report, as "my reports" lists it. */
    public record ReporterCaseSummary(String trackingId, String projectSlug, CaseState state, Resolution resolution,
            Instant submittedAt, Instant nextDueAt) {
    }

    /** The longest message of a thread or note. */
    static final int MESSAGE_MAX = 20_000;

    /** No control characters (C0, C1, DEL) and no Unicode line separators: names end up in exports and mails. */
    static final String SINGLE_LINE = "^[^\\p{Cc}\\u2028\\u2029]*$";

    /** The same limits as intake's submission form: a credit lands in the OSV, CVE and CSAF exports. */
    public record CreditRequest(@NotNull ReportContent.Visibility visibility,
            @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String name,
            @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String handle,
            @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String link) {
    }

    static MilestoneView view(Case c, Milestone m) {
        return new MilestoneView(m.kind(), m.projectSlug() == null ? c.projectSlug() : m.projectSlug(), m.startedAt(),
                m.dueAt(), m.isPaused(), m.settledAt(), m.breachedAt());
    }

    static FindingView view(CaseFinding f) {
        return new FindingView(f.code(), f.policySentence(), f.closingResolution().orElse(null), f.asksReporter());
    }

    static CaseSummary summary(Case c, List<CaseFinding> findings) {
        return new CaseSummary(c.id(), c.trackingId(), c.state(), c.resolution(), c.severity(), c.cvssScore(),
                c.projectSlugs(), c.assignee(), c.submittedAt(), c.updatedAt(), c.nextDueAt(),
                findings.stream().map(CaseFinding::code).toList());
    }

    static DisclosureView disclosure(Case c, ZoneId reader) {
        if (c.disclosureAt() == null) {
            return null;
        }
        return new DisclosureView(c.disclosureAt(), c.disclosureZone(),
                DisclosureInstant.in(c.disclosureAt(), ZoneId.of(c.disclosureZone())),
                reader == null ? null : DisclosureInstant.in(c.disclosureAt(), reader));
    }

    static CaseDetail detail(Case c, ReportContent content, List<CaseFinding> findings) {
        return detail(c, content, findings, null);
    }

    static CaseDetail detail(Case c, ReportContent content, List<CaseFinding> findings, ZoneId reader) {
        return new CaseDetail(c.id(), c.trackingId(), c.state(), c.resolution(), c.duplicateOf(), c.severity(),
                c.cvssVector(), c.cvssScore(), c.cweIds(), c.assignee(),
                c.projects().stream()
                        .map(p -> new ProjectView(p.projectSlug(), p.projectId().equals(c.projectId()), p.status(),
                                p.fixedVersions(), p.statement(), p.dateStance()))
                        .toList(),
                c.submittedAt(), c.updatedAt(), c.disclosureDate(), c.disclosureStatus(), c.publishNotBefore(),
                c.publicationForced(), c.version(), c.milestones().stream().map(m -> view(c, m)).toList(), content,
                findings.stream().map(CaseApi::view).toList(), disclosure(c, reader), c.legalSteps());
    }

    static HistoryView view(HistoryEntry e) {
        return new HistoryView(e.position(), e.occurredAt(), e.actor(), e.action(), e.from(), e.to(), e.reason());
    }
}
