package dev.embargo.notification;

/** An operation the current state does not allow; answered as a 409 problem by {@link DomainConflicts}. */
public class DomainConflict extends RuntimeException {

    private final String kind;

    public DomainConflict(String kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
