package dev.embargo.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Turns lifecycle events into JSON and back, validating against the event's JSON Schema on both sides: a producer
 * cannot emit what a consumer would refuse. Unknown properties (added by a newer minor version) are tolerated, absent
 * values are left out. Thread-safe; build one and share it.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    // Per-call settings on the service's mapper, which stays as its REST API needs it.
    private final ObjectReader reader;
    /** Writes events without their absent (null) members, as the schemas expect. */
    private final ObjectWriter eventWriter;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    /** A codec on a mapper of its own, for code without a container (tests, tools). */
    public EventCodec() {
        this(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    }

    /**
     * A codec on the service's mapper, which must know the {@code java.time} types; the mapper is not changed.
     */
    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        // A copy carries the inclusion rule, so the service's own mapper stays as its REST API needs it.
        this.eventWriter = mapper.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL).writer()
                .without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no schema for " + type.type());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Serialises an event after checking it against its schema: written once, read back once into the tree the
     * validator walks, and the bytes written are the bytes returned.
     */
    public byte[] encode(LifecycleEvent event) {
        EventType type = EventType.of(event);
        try {
            byte[] bytes = eventWriter.writeValueAsBytes(event);
            check(type, reader.readTree(bytes));
            return bytes;
        } catch (IOException e) {
            throw new InvalidEventException(type.type() + ": not serialisable");
        }
    }

    /**
     * Parses and validates the JSON of an event of the given CloudEvents type.
     *
     * @throws InvalidEventException
     *             when the type is unknown, the bytes are not JSON or the schema is violated
     */
    public LifecycleEvent decode(String ceType, byte[] json) {
        EventType type = EventType.ofType(ceType).orElseThrow(() -> new InvalidEventException("unknown event type"));
        JsonNode tree;
        try {
            tree = json == null ? null : reader.readTree(json);
        } catch (IOException e) {
            throw new InvalidEventException(type.type() + ": not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(type.type() + ": not a JSON object");
        }
        check(type, tree);
        try {
            return reader.treeToValue(tree, type.recordType());
        } catch (IOException e) {
            throw new InvalidEventException(type.type() + ": does not map to " + type.recordType().getSimpleName());
        }
    }

    /** The JSON mapper events are written with, for consumers that keep an event's nested document. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private void check(EventType type, JsonNode tree) {
        Set<ValidationMessage> errors = schemas.get(type).validate(tree);
        if (!errors.isEmpty()) {
            String where = errors.stream().map(m -> m.getInstanceLocation() + " " + m.getType()).sorted()
                    .collect(Collectors.joining(", "));
            throw new InvalidEventException(type.type() + " violates its schema at " + where);
        }
    }
}
