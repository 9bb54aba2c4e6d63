package dev.embargo.triage.cases;

/** A workflow action that the case's current state does not allow; answered with 409 naming that state. */
public class IllegalTransitionException extends RuntimeException {

    private final CaseState current;
    private final String action;

    public IllegalTransitionException(CaseState current, String action) {
        super("cannot " + action + " a case in state " + current, null, false, false);
        this.current = current;
        this.action = action;
    }

    public CaseState current() {
        return current;
    }

    public String action() {
        return action;
    }
}
