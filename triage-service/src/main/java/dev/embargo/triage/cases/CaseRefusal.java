package dev.embargo.triage.cases;

import java.time.Instant;
import java.util.List;

/**
 * The case refuses a participant's command because of who they are on it or because its publication guard holds, not
 * because of its state (that is {@link IllegalTransitionException}).
 */
public class CaseRefusal extends RuntimeException {

    /** Why the case refused. */
    public enum Kind {
        /** Only the lead project's maintainers (and owners) may do this. */
        LEAD_ONLY,
        /** Only an owner of the lead project may do this. */
        LEAD_OWNER_ONLY,
        /** The participant is not a member of the project they act for. */
        NOT_YOUR_PROJECT,
        /** The publication guard is not met; see {@link #blockers()}. */
        PUBLICATION_BLOCKED
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
    private final List<Blocker> blockers;
    private final Instant notBefore;

    CaseRefusal(Kind kind, String action) {
        this(kind, action, List.of(), null);
    }

    CaseRefusal(Kind kind, String action, List<Blocker> blockers, Instant notBefore) {
        super("refused: " + kind + " " + action, null, false, false);
        this.kind = kind;
        this.action = action;
        this.blockers = List.copyOf(blockers);
        this.notBefore = notBefore;
    }

    public Kind kind() {
        return kind;
    }

    public String action() {
        return action;
    }

    public List<Blocker> blockers() {
        return blockers;
    }

    /** When the heads-up notice (or the date) allows publication, if known. */
    public Instant notBefore() {
        return notBefore;
    }
}
