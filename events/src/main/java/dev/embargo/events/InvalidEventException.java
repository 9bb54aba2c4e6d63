package dev.embargo.events;

/**
 * An event does not satisfy its contract. The message names JSON locations and violated keywords only, never values, so
 * it is safe in logs and dead-letter headers.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
