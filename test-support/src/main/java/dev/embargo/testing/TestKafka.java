package dev.embargo.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import kafka.server.BrokerServer;

/**
 * One in-JVM KRaft Kafka broker per test JVM, which tests may stop and start to simulate an outage.
 * <p>
 * The broker never ends the test JVM. Kafka's test kit registers, for every temporary directory it makes, a JVM
 * shutdown hook that deletes the directory; such a hook used to run while another hook was still shutting the broker
 * down, the broker found its log directory gone, and its log-dir failure handler called {@code Exit.halt(1)}: every
 * test passed and the fork exited with status 1 ("Error occurred in starting fork"), more often the busier the machine.
 * So the deletions are collected instead of registered and run by this class's one shutdown hook after the cluster is
 * closed, and Kafka's halt and exit procedures only report what they were asked to do.
 */
public final class TestKafka {

    private static KafkaClusterTestKit cluster;
    /** Kafka's "delete this temporary directory at exit" hooks, run after the cluster is closed. */
    private static final List<Runnable> DEFERRED_CLEANUP = new ArrayList<>();

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
            Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
            Exit.setShutdownHookAdder((name, hook) -> {
                synchronized (DEFERRED_CLEANUP) {
                    DEFERRED_CLEANUP.add(hook);
                }
            });
            try {
                cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                                .setConfigProp("auto.create.topics.enable", "true").setConfigProp("num.partitions", "3")
                                .setConfigProp("offsets.topic.replication.factor", "1")
                                .setConfigProp("transaction.state.log.replication.factor", "1")
                                .setConfigProp("transaction.state.log.min.isr", "1")
                                .setConfigProp("group.initial.rebalance.delay.ms", "0").build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("embedded Kafka did not start", e);
            } finally {
                Exit.resetShutdownHookAdder();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::closeQuietly, "test-kafka-shutdown"));
        }
        return cluster.bootstrapServers();
    }

    /** Where the broker keeps its metadata and log segments, e.g. to scan them for plaintext. */
    public static Path baseDirectory() {
        bootstrapServers();
        return Path.of(cluster.nodes().baseDirectory());
    }

    /** Stops the broker (the controller stays up), as in a broker outage. */
    public static synchronized void stopBroker() {
        BrokerServer broker = broker();
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts the stopped broker again on the same port and log directory. */
    public static synchronized void startBroker() {
        broker().startup();
    }

    private static BrokerServer broker() {
        bootstrapServers();
        return cluster.brokers().values().iterator().next();
    }

    /** Reads every record of a topic from the beginning until {@code quiet} passes without a new one. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() - idleSince < quiet.toNanos() && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    records.forEach(out::add);
                    idleSince = System.nanoTime();
                }
            }
        }
        return out;
    }

    /**
     * A broker of the test JVM asked to halt or exit it (e.g. its log directory failed). Ending the JVM would lose
     * every test result after this one, so it is reported instead; the broker stays unusable and the tests that need it
     * fail with their own message.
     */
    private static void refuse(String what, int status, String message) {
        System.err.printf("in-JVM Kafka asked to %s the test JVM with status %d (%s): refused%n", what, status,
                message == null ? "no reason given" : message);
    }

    /** Stops brokers and controller, then deletes their directories: never a directory under a running broker. */
    private static void closeQuietly() {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("in-JVM Kafka did not close cleanly: " + e);
        }
        synchronized (DEFERRED_CLEANUP) {
            DEFERRED_CLEANUP.forEach(Runnable::run);
        }
    }
}
