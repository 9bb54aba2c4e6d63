package dev.embargo.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the platform has caught up with what it was sent: every service's outbox published, every consumer group
 * stable and read to the end of each partition it is assigned, no delivery due and not yet attempted, and every
 * consumer's inbox standing still. A phase that starts before the previous one's backlog is gone measures that backlog,
 * so the bench waits for this between phases.
 */
final class Pipeline {

    static final List<String> SCHEMAS = List.of("intake", "triage", "notification", "credits");

    private final Bench bench;

    Pipeline(Bench bench) {
        this.bench = bench;
    }

    /** Waits until drained; returns how long that took, or null when it was not drained within {@code limit}. */
    Duration drain(Duration limit) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long lastInboxes = -1;
        try (Connection c = bench.superuser(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                long unsent = 0;
                long inboxes = 0;
                for (String schema : SCHEMAS) {
                    unsent += count(s, "SELECT count(*) FROM " + schema + ".outbox WHERE sent_at IS NULL");
                    inboxes += count(s, "SELECT count(*) FROM " + schema + ".inbox");
                }
                long due = count(s, "SELECT count(*) FROM notification.delivery WHERE status = 'PENDING'"
                        + " AND next_attempt_at <= now()");
                if (unsent == 0 && due == 0 && inboxes == lastInboxes && consumersCaughtUp()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                lastInboxes = unsent == 0 ? inboxes : -1;
                Thread.sleep(250);
            }
        }
        return null;
    }

    /**
     * Every consumer group is stable (none is rejoining, as one that was paused may be) and has committed the end of
     * every partition assigned to it.
     */
    private boolean consumersCaughtUp() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Bench.env("KAFKA_PORT", "19092")))) {
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .toList();
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
                if (group.groupState() != GroupState.STABLE) {
                    return false;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                for (MemberDescription member : group.members()) {
                    for (TopicPartition tp : member.assignment().topicPartitions()) {
                        OffsetAndMetadata at = offsets.get(tp);
                        // One key per group and partition: the lowest committed position decides.
                        committed.merge(tp, at == null ? 0L : at.offset(), Math::min);
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream().allMatch(e -> ends.get(e.getKey()).offset() <= e.getValue());
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
