package dev.embargo.notification.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where webhooks may go and how long a call may take. */
@ConfigMapping(prefix = "embargo.webhooks")
public interface WebhookConfig {

    /**
     * Allow loopback, private, link-local and metadata targets. Off: a webhook URL must never make this service a proxy
     * into the platform's own network (SSRF).
     */
    @WithDefault("false")
    boolean allowPrivate();

    /**
     * Narrow exceptions to the refusal, for an internal chat server or a test receiver: {@code host:port} (the URL must
     * name exactly this host literal and port) or a CIDR range such as {@code 10.20.0.0/16}.
     */
    Optional<List<String>> allowedTargets();

    /** Connecting to a receiver may take this long. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** A whole call may take this long; a slow receiver only ever holds its own delivery. */
    @WithDefault("10s")
    Duration timeout();
}
