package dev.embargo.platform.retention;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a service keeps what it no longer needs for delivery. */
@ConfigMapping(prefix = "embargo.retention")
public interface RetentionConfig {

    /**
     * How long a published outbox row is kept after Kafka acknowledged it. Its payload may be sealed report content, so
     * it is deleted, not kept forever; the event itself lives on in Kafka for the topic's retention.
     */
    @WithDefault("P7D")
    Duration sentOutbox();

    /**
     * How long the id of a processed event is kept to recognise a redelivery. It must outlive the event in Kafka (the
     * platform's topics keep events 30 days), else a consumer that re-reads a topic would apply an old event again.
     */
    @WithDefault("P35D")
    Duration processedInbox();

    /** Topics Kafka keeps forever: the ids of their events are never purged from the inbox. */
    @WithDefault("intake.projects")
    Set<String> topicsKeptForever();

    /** How often the purge runs. */
    @WithDefault("1h")
    Duration every();

    /** Rows deleted per statement, so a first purge of a large table never holds locks for long. */
    @WithDefault("1000")
    int batchSize();
}
