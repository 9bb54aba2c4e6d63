package dev.embargo.triage.sla;

import java.time.Instant;
import java.util.Optional;

/** The deadlines a project's policy promises, as the case needs them when a clock starts. */
public interface SlaPlan {

    /** When a milestone started at {@code start} is due; empty when the policy sets no target. */
    Optional<Instant> due(MilestoneKind kind, Severity severity, Instant start);

    /** Fraction of a milestone's time after which a warning goes out. */
    double warningFraction();

    /** Days a case may wait for the reporter before it is closed as informative; empty for never. */
    Optional<Integer> silenceDays();

    /** A plan with no deadlines at all (a project that published no policy yet). */
    static SlaPlan none() {
        return new SlaPlan() {
            @Override
            public Optional<Instant> due(MilestoneKind kind, Severity severity, Instant start) {
                return Optional.empty();
            }

            @Override
            public double warningFraction() {
                return 0.75;
            }

            @Override
            public Optional<Integer> silenceDays() {
                return Optional.empty();
            }
        };
    }
}
