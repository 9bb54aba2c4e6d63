package dev.embargo.intake.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.embargo.events.EventType;
import dev.embargo.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Hears of policies published on other replicas: every replica reads all of {@code intake.projects} from its end, with
 * no consumer group (each must see every event, and nothing is committed), and forgets the project of each
 * {@code project.policy-published} it reads. Only the CloudEvents type header and the key (the project id) are read;
 * the event itself is the triage and notification services' to apply.
 */
@ApplicationScoped
class PolicyFollower {

    private static final String POLICY_PUBLISHED = EventType.PROJECT_POLICY_PUBLISHED.type();

    private final CurrentPolicies current;
    private final PolicyCacheConfig config;
    private final Map<String, Object> kafka;
    private final String clientId;
    private volatile boolean running;
    private volatile boolean following;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    PolicyFollower(CurrentPolicies current, PolicyCacheConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.current = current;
        this.config = config;
        this.kafka = kafka;
        this.clientId = applicationName + "-policy-follower-" + UUID.randomUUID();
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.followOtherReplicas()) {
            return;
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        running = true;
        thread = Thread.ofPlatform().daemon().name("embargo-policy-follower").start(this::follow);
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            // From the end: what was published before this replica started, it reads from the database anyway.
            c.seekToEnd(partitions);
            partitions.forEach(c::position);
            // An entry read before the follower stood at the end may predate an event it will never see: gone.
            current.forgetAll();
            following = true;
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofSeconds(1))) {
                        Header type = record.headers().lastHeader("ce_type");
                        if (type != null && POLICY_PUBLISHED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                            forget(record.key());
                        }
                    }
                } catch (KafkaException e) {
                    if (e instanceof WakeupException) {
                        throw e;
                    }
                    // Whatever was missed meanwhile, nothing remembered outlives it; reading goes on.
                    Log.warnf("policy follower: %s; forgetting every project and reading on",
                            e.getClass().getSimpleName());
                    current.forgetAll();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            following = false;
            // Entries then live out their maximum age; submissions still see a publication within that bound.
            Log.warnf("policy follower stopped: %s", e.getClass().getSimpleName());
        }
    }

    /** Whether the follower reads the topic now (it starts at the end, so events before this are not its concern). */
    boolean following() {
        return following;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            try {
                var infos = c.partitionsFor(Topics.INTAKE_PROJECTS, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                }
            } catch (KafkaException e) {
                if (e instanceof WakeupException) {
                    throw e;
                }
                // The broker is not reachable yet: ask again, the entries' maximum age covers the wait.
            }
        }
        throw new WakeupException();
    }

    private void forget(String projectId) {
        try {
            current.forget(UUID.fromString(projectId));
        } catch (IllegalArgumentException | NullPointerException e) {
            // Not a project id: nothing of ours to forget.
        }
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(5));
    }
}
