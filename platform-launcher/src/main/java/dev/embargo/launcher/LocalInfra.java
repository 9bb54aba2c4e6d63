package dev.embargo.launcher;

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
import java.util.concurrent.CountDownLatch;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs the local platform's PostgreSQL (data kept in a directory between runs, one role and schema per service) and an
 * SMTP sink whose received mail is listed as JSON over HTTP ({@code GET /api/messages[?to=address]}). Configured by
 * environment: {@code EMBARGO_HOME} (state directory), {@code PG_PORT}, {@code SMTP_PORT}, {@code MAIL_API_PORT} and
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
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setPort(pgPort).setServerConfig("max_connections", "200").setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setRegisterShutdownHook(false).start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            provision(c);
        }

        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", apiPort), 0);
        api.createContext("/api/messages", exchange -> listMessages(exchange, mail));
        api.start();

        System.out.printf("local-infra ready: postgres=%d smtp=%d mail-api=%d%n", pgPort, smtpPort, apiPort);
        var done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.stop(0);
            mail.stop();
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

    private static void listMessages(HttpExchange exchange, GreenMail mail) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String to = query != null && query.startsWith("to=")
                ? java.net.URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : null;
        List<Map<String, Object>> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                List<String> recipients = new ArrayList<>();
                for (Address a : m.getAllRecipients()) {
                    recipients.add(a.toString());
                }
                if (to != null && recipients.stream().noneMatch(r -> r.contains(to))) {
                    continue;
                }
                var row = new LinkedHashMap<String, Object>();
                row.put("to", recipients);
                row.put("subject", m.getSubject());
                row.put("sentAt", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
                row.put("body", GreenMailUtil.getBody(m));
                out.add(row);
            } catch (MessagingException e) {
                // skip a message we cannot read
            }
        }
        byte[] body = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
