package dev.embargo.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs the local platform's PostgreSQL (data kept in a directory between runs, one role and schema per service) and an
 * SMTP sink ({@link MailSink}) whose received mail is listed as JSON over HTTP ({@code GET /api/messages[?to=address]}:
 * to, subject, sentAt and body of each mail, in the order received). Configured by environment: {@code EMBARGO_HOME}
 * (state directory), {@code PG_PORT}, {@code SMTP_PORT}, {@code MAIL_API_PORT} and
 * {@code EMBARGO_DB_PASSWORD_<SERVICE>} for each of intake, triage, notification, credits. Stops on SIGTERM.
 */
public final class LocalInfra {

    static final List<String> SERVICES = List.of("intake", "triage", "notification", "credits");

    private LocalInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("EMBARGO_HOME", ".platform"));
        int pgPort = Integer.parseInt(env("PG_PORT", "15432"));
        int smtpPort = Integer.parseInt(env("SMTP_PORT", "2525"));
        int apiPort = Integer.parseInt(env("MAIL_API_PORT", "8025"));

        Path pgData = home.resolve("pgdata");
        Files.createDirectories(pgData.getParent());
        // Unlike in tests, this data is kept: fsync and synchronous commit on, so a crash cannot corrupt it.
        // max_wal_size is a ceiling on the WAL kept between checkpoints, not space taken up front. With the default
        // 1 GB a burst of reports forced a checkpoint that ran through the next minute, with the slowest commits in
        // it (201 -> case p99 400 ms; 127 ms without one: bench/results/2026-12-06-e2e-fillfactor.md).
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setPort(pgPort).setServerConfig("max_connections", "200").setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "15min").setRegisterShutdownHook(false).start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            provision(c);
        }

        MailSink mail = MailSink.start("127.0.0.1", smtpPort);
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", apiPort), 0);
        api.createContext("/api/messages", exchange -> listMessages(exchange, mail));
        api.start();

        System.out.printf("local-infra ready: postgres=%d smtp=%d mail-api=%d%n", pgPort, smtpPort, apiPort);
        var done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.stop(0);
            mail.close();
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("postgres did not stop cleanly");
            }
            done.countDown();
        }));
        done.await();
    }

    /** Creates each service's login role and schema if missing; sets the role's password from the environment. */
    static void provision(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (String service : SERVICES) {
                String password = System.getenv("EMBARGO_DB_PASSWORD_" + service.toUpperCase());
                if (password == null || !password.matches("[A-Za-z0-9]{16,}")) {
                    throw new IllegalStateException(
                            "EMBARGO_DB_PASSWORD_" + service.toUpperCase() + " must be set (16+ letters and digits)");
                }
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", service)) {
                    s.execute("CREATE ROLE " + service + " LOGIN");
                }
                s.execute("ALTER ROLE " + service + " PASSWORD '" + password + "'");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + service + " AUTHORIZATION " + service);
                s.execute("ALTER ROLE " + service + " SET search_path = " + service);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    static void listMessages(HttpExchange exchange, MailSink mail) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String to = query != null && query.startsWith("to=")
                ? java.net.URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : null;
        byte[] body = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(messages(mail, to));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** The mails received, parsed only now; {@code to} (or null) keeps those with a recipient containing it. */
    static List<Map<String, Object>> messages(MailSink mail, String to) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MailSink.Received r : mail.received()) {
            try {
                MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(r.raw()));
                List<String> recipients = new ArrayList<>();
                Address[] headerRecipients = m.getAllRecipients();
                if (headerRecipients != null) {
                    for (Address a : headerRecipients) {
                        recipients.add(a.toString());
                    }
                } else {
                    recipients.addAll(r.envelopeTo());
                }
                if (to != null && recipients.stream().noneMatch(x -> x.contains(to))) {
                    continue;
                }
                var row = new LinkedHashMap<String, Object>();
                row.put("to", recipients);
                row.put("subject", m.getSubject());
                row.put("sentAt", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
                row.put("body", MailSink.body(r.raw()));
                out.add(row);
            } catch (MessagingException e) {
                // skip a message we cannot read
            }
        }
        return out;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
