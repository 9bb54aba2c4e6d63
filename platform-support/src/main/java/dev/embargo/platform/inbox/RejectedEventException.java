package dev.embargo.platform.inbox;

/**
 * Thrown by a handler that cannot apply an event (it refers to something unknown, breaks an invariant). The message
 * becomes the dead-letter reason, so it must not carry report content, tokens or contact data.
 */
public class RejectedEventException extends RuntimeException {
    public RejectedEventException(String safeReason) {
        super(safeReason);
    }
}
