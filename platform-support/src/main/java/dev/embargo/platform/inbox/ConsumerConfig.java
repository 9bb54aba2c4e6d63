package dev.embargo.platform.inbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the idempotent event consumer reads and retries. */
@ConfigMapping(prefix = "embargo.consumer")
public interface ConsumerConfig {

    @WithDefault("true")
    boolean enabled();

    /** Consumer group; defaults to the application name so each service reads every event once. */
    Optional<String> groupId();

    /**
     * Most records one poll returns, and so most events applied in one transaction. Larger batches commit less often;
     * the first event of a batch waits for the last, so this also bounds the latency a backlog adds.
     */
    @WithDefault("100")
    int batchSize();

    /**
     * Longest time applied offsets wait before they are committed. The inbox, not the offset, decides what has been
     * applied, so a longer interval only means more is read again (and dropped) after a crash; it costs the broker a
     * commit per interval instead of one per poll. Zero commits after every poll.
     */
    @WithDefault("1s")
    Duration commitInterval();

    /** Attempts at one event before it goes to the dead-letter topic. */
    @WithDefault("3")
    int maxAttempts();

    /** Pause between attempts, doubled each time. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /**
     * Pause before trying again when the database is unreachable. Such failures are never dead-lettered: the event is
     * fine, the service is not, so it waits rather than losing the event.
     */
    @WithDefault("2s")
    Duration outageBackoff();

    /**
     * How long an offset commit (or another blocking broker call) waits before giving up. A timed-out commit is not
     * fatal: the consumer backs off and goes on, and whatever is read again is dropped by the inbox.
     */
    @WithDefault("60s")
    Duration apiTimeout();
}
