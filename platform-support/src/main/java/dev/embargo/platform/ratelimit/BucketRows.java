package dev.embargo.platform.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.RemoteCommand;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.distributed.remote.commands.CreateInitialStateAndExecuteCommand;

/**
 * Bucket4j's compare-and-swap proxy over one table row per bucket: Bucket4j reads the row, works out the new state and
 * asks for it to be written only if the row still holds what it read, retrying when another replica got there first.
 * Each step is one statement in autocommit: a read, then a conditional insert (a new bucket) or update. That is two
 * round trips and one commit, new bucket or not ({@link #createIfAbsentAndExecute}), where Bucket4j's select-for-update
 * proxy takes two transactions (four statements, two commits) for a new bucket and one of three round trips for a known
 * one.
 *
 * <p>
 * Time is the replica's wall clock in milliseconds, as with Bucket4j's own JDBC proxies: replicas share a bucket, so
 * they must read the same clock. A row's {@code expires_at} (epoch milliseconds) is when the bucket would be full
 * again, from {@code expiration}; {@link #removeExpired(int)} deletes such rows.
 */
final class BucketRows extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final DataSource dataSource;
    private final ExpirationAfterWriteStrategy expiration;
    private final String select;
    private final String insert;
    private final String update;
    private final String delete;
    private final String deleteExpired;

    BucketRows(DataSource dataSource, String table, ExpirationAfterWriteStrategy expiration) {
        super(ClientSideConfig.getDefault().withClientClock(TimeMeter.SYSTEM_MILLISECONDS)
                .withExpirationAfterWriteStrategy(expiration));
        this.dataSource = dataSource;
        this.expiration = expiration;
        this.select = "SELECT state FROM " + table + " WHERE id = ?";
        this.insert = "INSERT INTO " + table + " (id, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING";
        this.update = "UPDATE " + table + " SET state = ?, expires_at = ? WHERE id = ? AND state = ?";
        this.delete = "DELETE FROM " + table + " WHERE id = ?";
        this.deleteExpired = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)";
    }

    /**
     * Runs a command on the key's bucket, creating the bucket with {@code configuration} if it has no row yet: one
     * read, then one write if the state changed. Bucket4j's own bucket proxy first runs the command without the
     * configuration and, finding no bucket, reads again with it, which would cost every new client a second round trip.
     */
    <T> T createIfAbsentAndExecute(String key, BucketConfiguration configuration, RemoteCommand<T> command) {
        CommandResult<T> result = execute(key,
                new Request<>(new CreateInitialStateAndExecuteCommand<>(configuration, command),
                        getBackwardCompatibilityVersion(), getClientSideTime(), expiration));
        return result.getData();
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(select)) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not read a rate-limit bucket", e);
                }
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] state, RemoteBucketState newState,
                    Optional<Long> timeoutNanos) {
                Long expiresAt = expiresAt(newState);
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement(original == null ? insert : update)) {
                    if (original == null) {
                        ps.setString(1, key);
                        ps.setBytes(2, state);
                        ps.setObject(3, expiresAt);
                    } else {
                        ps.setBytes(1, state);
                        ps.setObject(2, expiresAt);
                        ps.setString(3, key);
                        ps.setBytes(4, original);
                    }
                    return ps.executeUpdate() == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException("could not write a rate-limit bucket", e);
                }
            }
        };
    }

    /** When the bucket would be full again (epoch milliseconds), or never when the strategy gives no time to live. */
    private Long expiresAt(RemoteBucketState state) {
        long ttl = expiration.calculateTimeToLiveMillis(state, currentTimeNanos());
        return ttl > 0 ? System.currentTimeMillis() + ttl : null;
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("rate-limit buckets are used synchronously");
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(delete)) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove a rate-limit bucket", e);
        }
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("rate-limit buckets are used synchronously");
    }

    /** Deletes up to {@code limit} rows of buckets that are full again; returns how many went. */
    int removeExpired(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(deleteExpired)) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setInt(2, limit);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove refilled rate-limit buckets", e);
        }
    }
}
