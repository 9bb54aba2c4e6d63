package dev.embargo.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Carries W3C trace context from the request that changed state, through the outbox row and the Kafka headers, into the
 * consumer's processing span, so one report can be followed from intake to triage and notification.
 */
@ApplicationScoped
public class EventTracing {

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header h : carrier) {
                keys.add(h.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    EventTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("embargo-events");
    }

    /** The current trace context as propagation headers ({@code traceparent}, ...), empty outside a trace. */
    public Map<String, String> currentContext() {
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** Starts the consumer span of one event, child of the producer's context found in the record headers. */
    public Span startConsumerSpan(String eventType, Headers headers) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers,
                KAFKA_HEADERS);
        return tracer.spanBuilder("process " + eventType).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "kafka").setAttribute("cloudevents.event_type", eventType)
                .startSpan();
    }
}
