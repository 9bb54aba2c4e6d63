package dev.embargo.notification.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.embargo.notification.delivery.Channel;
import dev.embargo.notification.delivery.ChannelSender;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.delivery.DeliverySettled;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Calls webhook endpoints: target checked again right before the call (the name may resolve elsewhere now), signed per
 * Standard Webhooks, redirects never followed, bounded by timeouts. The {@code webhook-id} is the delivery id, the same
 * on every retry, so receivers can deduplicate.
 */
@ApplicationScoped
class WebhookChannel implements ChannelSender {

    private record Call(String url, String secret, String payload) {
    }

    private final Deliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final WebhookTargets targets;
    private final WebhookConfig config;
    private final Clock clock;
    private final HttpClient client;

    WebhookChannel(Deliveries deliveries, WebhookEndpoints endpoints, WebhookTargets targets, WebhookConfig config,
            Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Outcome attempt(UUID deliveryId) {
        Call call = QuarkusTransaction.requiringNew().call(() -> deliveries.find(deliveryId).flatMap(
                d -> endpoints.find(d.endpointId()).map(e -> new Call(e.url(), endpoints.secret(e), d.payload())))
                .orElse(null));
        if (call == null) {
            return Outcome.giveUp("endpoint-removed");
        }
        URI uri;
        try {
            uri = targets.check(call.url());
        } catch (WebhookTargets.Refused e) {
            return Outcome.giveUp("target-refused: " + e.code());
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = deliveryId.toString();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("content-type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(call.secret(), id, timestamp, call.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(call.payload())).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.ok();
            }
            return Outcome.retry(status >= 300 && status < 400 ? "redirect-not-followed" : "http-" + status);
        } catch (HttpTimeoutException e) {
            return Outcome.retry("timeout");
        } catch (IOException e) {
            return Outcome.retry("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }

    /** An endpoint's health follows its deliveries, in the transaction that recorded the outcome. */
    void settled(@Observes DeliverySettled settled) {
        if (settled.channel() != Channel.WEBHOOK || settled.endpointId() == null) {
            return;
        }
        endpoints.find(settled.endpointId()).ifPresent(e -> {
            if (settled.delivered()) {
                e.deliverySucceeded();
            } else {
                e.deliveryGivenUp();
            }
        });
    }
}
