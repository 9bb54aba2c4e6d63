package dev.embargo.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.Topics;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.rules.ReportTokens;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** Report content never appears in plaintext in the intake schema nor in the report.submitted record. */
@QuarkusTest
class ConfidentialityTest {

    @Inject
    Ciphers ciphers;

    @Test
    void canaryInDescriptionIsAbsentFromRawDatabaseRowsAndKafkaRecordButOpensWithTheTransportKey() throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        String email = "canary-" + UUID.randomUUID() + "@example.org";
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage() == null ? "" : record.getMessage();
                Object[] parameters = record.getParameters() == null ? new Object[0] : record.getParameters();
                logged.add(message + " " + Arrays.toString(parameters)
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        Map<String, Object> report = Fixtures.completeReport();
        report.put("description", "The bug " + canary + " lets anyone read all data.");
        report.put("reporterEmail", email);
        report.put("credit", Map.of("visibility", "PUBLIC", "name", "Ada " + canary));
        var created = Fixtures.submit(project.slug(), report).statusCode(201).extract();
        String trackingId = created.path("trackingId");
        String token = created.path("reportToken");
        // The intake logged the submission (at DEBUG, on in tests), without content, contact or token.
        await().atMost(Duration.ofSeconds(30)).until(() -> logged.stream().anyMatch(l -> l.contains(trackingId)));
        Logger.getLogger("").removeHandler(capture);
        for (String needle : List.of(canary, email, token)) {
            assertTrue(logged.stream().noneMatch(l -> l.contains(needle)), "plaintext in a log record");
        }

        // Every row of every table of the intake schema, as PostgreSQL renders it (bytea as hex), holds no canary.
        List<String> rows = rawRows();
        assertTrue(rows.stream().anyMatch(r -> r.contains(trackingId)), "the report's row was read");
        for (String needle : List.of(canary, hex(canary), email, hex(email), token)) {
            assertTrue(rows.stream().noneMatch(r -> r.contains(needle)), "plaintext found in a database row");
        }

        // The record on Kafka, value and headers, holds no canary either; its sealed content opens to the report.
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(60))
                .until(() -> TestKafka.readAll(Topics.INTAKE_REPORTS, Duration.ofSeconds(1)).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(trackingId)).findFirst()
                        .orElse(null), r -> r != null);
        String value = new String(record.value(), StandardCharsets.UTF_8);
        StringBuilder headers = new StringBuilder();
        record.headers().forEach(h -> headers.append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
        for (String needle : List.of(canary, email, token)) {
            assertFalse(value.contains(needle), "plaintext in the Kafka record value");
            assertFalse(headers.toString().contains(needle), "plaintext in the Kafka record headers");
            assertFalse(record.key().contains(needle));
        }
        ReportSubmitted event = TestEvents.codec().decode("report.submitted.v1",
                record.value()) instanceof ReportSubmitted e ? e : null;
        assertNotNull(event);
        assertEquals(ReportTokens.hash(token), event.reportTokenHash());
        assertTrue(event.reportTokenHash().matches("[0-9a-f]{64}"));
        ReportContent content = new ObjectMapper().readValue(
                ciphers.transport().decryptFromBase64(event.sealedContent(), "report:" + event.reportId() + ":content"),
                ReportContent.class);
        assertTrue(content.description().contains(canary));
        assertEquals(ReportContent.Visibility.PUBLIC, content.credit().visibility());
        assertEquals(email, ciphers.transport().decryptFromBase64(event.sealedContact(),
                "report:" + event.reportId() + ":contact"));
        assertEquals(1, event.policyVersion());
    }

    private static List<String> rawRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s
                    .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'intake'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("report", "report_field", "outbox", "project")));
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM intake.\"" + table + "\" t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
