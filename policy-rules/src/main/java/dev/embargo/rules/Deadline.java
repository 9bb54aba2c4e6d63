package dev.embargo.rules;

/** A deadline as a policy words it: "within 48 hours (business days)" is {@code 48 BUSINESS_HOURS}. */
public record Deadline(int amount, Unit unit) {

    /** How the amount is counted; the business units count only the calendar's working days. */
    public enum Unit {
        HOURS, BUSINESS_HOURS, DAYS, BUSINESS_DAYS, WEEKS
    }

    public Deadline {
        if (amount < 0 || unit == null) {
            throw new IllegalArgumentException("a deadline is a non-negative amount of a unit");
        }
    }
}
