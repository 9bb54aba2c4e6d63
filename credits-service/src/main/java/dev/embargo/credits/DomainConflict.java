package dev.embargo.credits;

/** An operation the current state of an aggregate does not allow; answered as a 409 problem. */
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
