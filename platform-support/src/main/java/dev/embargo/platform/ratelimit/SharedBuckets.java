package dev.embargo.platform.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.remote.commands.EstimateAbilityToConsumeCommand;
import io.github.bucket4j.distributed.remote.commands.TryConsumeAndReturnRemainingTokensCommand;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Token buckets kept in the service's own schema (Bucket4j on PostgreSQL, one row per bucket written by compare and
 * swap, see {@link BucketRows}), so every replica counts against one limit: two intake replicas behind one address let
 * a client through exactly as often as one would. The table is the service's
 * ({@code CREATE TABLE rate_limit_bucket (id text PRIMARY KEY, state bytea, expires_at
 * bigint)} in its migrations, then {@code SET UNLOGGED}: a token taken waits for no WAL flush, and a PostgreSQL crash
 * starts every limit full again); a bucket's row expires once it would be full again, and {@link #removeExpired()}
 * deletes such rows. Keys are pseudonyms or ids, never client addresses.
 */
public final class SharedBuckets {

    /** The table each service that shares limits creates in its own schema. */
    public static final String TABLE = "rate_limit_bucket";

    /** How long a bucket's row stays after the bucket is full again, before {@link #removeExpired()} may delete it. */
    public static final Duration KEPT_AFTER_REFILL = Duration.ofSeconds(10);

    private final BucketRows buckets;

    public SharedBuckets(DataSource dataSource) {
        // A bucket nobody touched since it refilled is the same as no bucket: its row may go.
        this.buckets = new BucketRows(dataSource, TABLE,
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_REFILL));
    }

    /**
     * Takes one token from the key's bucket (created with {@code configuration} when it does not exist yet). Runs
     * outside any transaction of the caller's, its write committed at once, so a rolled-back request still counts.
     */
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return QuarkusTransaction.suspendingExisting().call(() -> buckets.createIfAbsentAndExecute(key, configuration,
                new TryConsumeAndReturnRemainingTokensCommand(1)));
    }

    /** Whether one token could be taken from the key's bucket now, and if not how long until it could; takes none. */
    public EstimationProbe estimate(String key, BucketConfiguration configuration) {
        return QuarkusTransaction.suspendingExisting().call(
                () -> buckets.createIfAbsentAndExecute(key, configuration, new EstimateAbilityToConsumeCommand(1)));
    }

    /** Deletes the rows of buckets that have refilled, in batches; returns how many went. */
    public int removeExpired() {
        int removed = 0;
        int batch;
        do {
            batch = QuarkusTransaction.suspendingExisting().call(() -> buckets.removeExpired(1000));
            removed += batch;
        } while (batch >= 1000);
        return removed;
    }
}
