package dev.embargo.platform.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Token buckets kept in the service's own schema (Bucket4j on PostgreSQL, a row lock per bucket), so every replica
 * counts against one limit: two intake replicas behind one address let a client through exactly as often as one would.
 * The table is the service's ({@code CREATE TABLE rate_limit_bucket (id text PRIMARY KEY, state bytea, expires_at
 * bigint)} in its migrations); a bucket's row expires once it would be full again, and {@link #removeExpired()} deletes
 * such rows. Keys are pseudonyms or ids, never client addresses.
 */
public final class SharedBuckets {

    /** The table each service that shares limits creates in its own schema. */
    public static final String TABLE = "rate_limit_bucket";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public SharedBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table(TABLE).idColumn("id").stateColumn("state")
                .expiresAtColumn("expires_at")
                // A bucket nobody touched since it refilled is the same as no bucket: its row may go.
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /**
     * Takes one token from the key's bucket (created with {@code configuration} when it does not exist yet). Runs in a
     * transaction of its own, outside any of the caller's, so a rolled-back request still counts.
     */
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return QuarkusTransaction.suspendingExisting()
                .call(() -> buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1));
    }

    /** Whether one token could be taken from the key's bucket now, and if not how long until it could; takes none. */
    public EstimationProbe estimate(String key, BucketConfiguration configuration) {
        return QuarkusTransaction.suspendingExisting()
                .call(() -> buckets.builder().build(key, () -> configuration).estimateAbilityToConsume(1));
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
