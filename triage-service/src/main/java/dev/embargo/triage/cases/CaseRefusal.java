package dev.embargo.triage.cases;

import java.time.Instant;
import java.util.List;

/**
 * The one way triage refuses a command: the case's state does not allow it, the participant's role on the case does
 * not, its publication guard holds, or what was asked is not something a case can be. {@link CaseProblems} turns each
 * kind into its problem; the domain names the kind, never an HTTP status.
 */
public class CaseRefusal extends RuntimeException {

    /** Why the case refused; each kind keeps the problem type clients know it by. */
    public enum Kind {
        /** The case's current state does not allow the step; see {@link #currentState()}. */
        ILLEGAL_TRANSITION,
        /** Only the lead project's maintainers (and owners) may do this. */
        LEAD_ONLY,
        /** Only an owner of the lead project may do this. */
        LEAD_OWNER_ONLY,
        /** The participant is not a member of the project they act for. */
        NOT_YOUR_PROJECT,
        /** No such case, or the caller may not see it: the two are indistinguishable on purpose. */
        NOT_FOUND,
        /** The publication guard is not met; see {@link #blockers()}. */
        PUBLICATION_BLOCKED,
        /** Someone changed the case since the caller read it; see {@link #currentVersion()}. */
        CONCURRENT_EDIT,
        /** A field of the command is missing or malformed. */
        INVALID,
        /** An override of the publication guard without a reason of 1 to 2000 characters. */
        OVERRIDE_REASON_REQUIRED, INVALID_CVSS, SEVERITY_REQUIRED, INVALID_CWE,
        /** The assignee maintains none of the case's projects. */
        NOT_A_MAINTAINER,
        /** An internal note that names none of the author's projects on the case. */
        PROJECT_REQUIRED, UNKNOWN_PROJECT, PROJECT_ALREADY_AFFECTED,
        /** The lead project cannot leave its own case. */
        LEAD_PROJECT, PUBLIC_ROUTE_NOT_ALLOWED,
        /** A duplicate must name another case the caller can see. */
        UNKNOWN_DUPLICATE,
        /** Closing needs a resolution other than the reporter's own WITHDRAWN. */
        INVALID_RESOLUTION, INVALID_DATE, INVALID_TIME_ZONE,
        /** A finding that does not resolve the report on its own. */
        FINDING_NOT_RESOLVABLE
    }

    /** What stands between a case and its publication. */
    public enum Blocker {
        /** An affected project is neither FIXED nor NOT_AFFECTED. */
        UNFIXED_PROJECTS,
        /** No disclosure date is agreed. */
        DATE_NOT_AGREED,
        /** The agreed date has not come. */
        DATE_NOT_REACHED,
        /** Heads-up subscribers have not had their full notice period yet. */
        HEADS_UP_PENDING,
        /** An affected project objects to the proposed date. */
        PROJECT_OBJECTS_TO_DATE
    }

    private final Kind kind;
    private final String action;
    private final String detail;
    private final CaseState currentState;
    private final List<Blocker> blockers;
    private final Instant notBefore;
    private final Long currentVersion;

    private CaseRefusal(Kind kind, String action, String detail, CaseState currentState, List<Blocker> blockers,
            Instant notBefore, Long currentVersion) {
        super("refused: " + kind + (action == null ? "" : " " + action), null, false, false);
        this.kind = kind;
        this.action = action;
        this.detail = detail;
        this.currentState = currentState;
        this.blockers = List.copyOf(blockers);
        this.notBefore = notBefore;
        this.currentVersion = currentVersion;
    }

    /** A refusal for the participant's role ({@code LEAD_ONLY}, {@code LEAD_OWNER_ONLY}, {@code NOT_YOUR_PROJECT}). */
    CaseRefusal(Kind kind, String action) {
        this(kind, action, null, null, List.of(), null, null);
    }

    /** The step {@code action} ("acknowledge") is not allowed in {@code state}. */
    static CaseRefusal illegal(CaseState state, String action) {
        return new CaseRefusal(Kind.ILLEGAL_TRANSITION, action, null, state, List.of(), null, null);
    }

    static CaseRefusal blocked(List<Blocker> blockers, Instant notBefore) {
        return new CaseRefusal(Kind.PUBLICATION_BLOCKED, "publish", null, null, blockers, notBefore, null);
    }

    static CaseRefusal concurrentEdit(long currentVersion) {
        return new CaseRefusal(Kind.CONCURRENT_EDIT, null, null, null, List.of(), null, currentVersion);
    }

    public static CaseRefusal notFound() {
        return new CaseRefusal(Kind.NOT_FOUND, null, null, null, List.of(), null, null);
    }

    /** A refusal whose fixed explanation ({@code detail}) goes to the caller; never the caller's own input. */
    public static CaseRefusal of(Kind kind, String detail) {
        return new CaseRefusal(kind, null, detail, null, List.of(), null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The refused step in words ("acknowledge"), where the kind is about a step. */
    public String action() {
        return action;
    }

    public String detail() {
        return detail;
    }

    public CaseState currentState() {
        return currentState;
    }

    public List<Blocker> blockers() {
        return blockers;
    }

    /** When the heads-up notice (or the date) allows publication, if known. */
    public Instant notBefore() {
        return notBefore;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
