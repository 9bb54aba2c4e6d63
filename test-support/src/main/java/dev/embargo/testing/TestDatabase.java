package dev.embargo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server per test JVM, and per service a login role that owns one schema and can touch nothing
 * else, as in production.
 */
public final class TestDatabase {

    /** What a service connects with. */
    public record Account(String service, String jdbcUrl, String username, String password) {
    }

    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                dataDirectory = Files.createTempDirectory("embargo-pg");
                server = builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::closeQuietly, "test-database-shutdown"));
        }
        return server;
    }

    /** Kept across {@link #restart}; removed when the JVM exits. */
    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300").setServerConfig("fsync", "off");
    }

    /** A superuser connection source, for tests that inspect raw rows. */
    public static DataSource superuser() {
        return server().getPostgresDatabase();
    }

    /** The role and schema of a service, created on first use. The schema is named after the service. */
    public static synchronized Account account(String service) {
        return ACCOUNTS.computeIfAbsent(service, TestDatabase::provision);
    }

    private static Account provision(String service) {
        if (!service.matches("[a-z][a-z0-9_]{1,30}")) {
            throw new IllegalArgumentException("service name must be a plain SQL identifier");
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            s.execute("DROP SCHEMA IF EXISTS " + service + " CASCADE");
            s.execute("DROP ROLE IF EXISTS " + service);
            s.execute("CREATE ROLE " + service + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE SCHEMA " + service + " AUTHORIZATION " + service);
            s.execute("ALTER ROLE " + service + " SET search_path = " + service);
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision database role", e);
        }
        String url = server().getJdbcUrl("postgres", "postgres").replaceFirst("\\?.*$", "") + "?currentSchema="
                + service;
        return new Account(service, url, service, password);
    }

    /**
     * Stops PostgreSQL (every connection is cut), keeps it down for the given time, and starts it again on the same
     * port and data directory, as an operator's restart would.
     */
    public static synchronized void restart(Duration down) {
        server();
        int port = server.getPort();
        try {
            server.close();
            Thread.sleep(down.toMillis());
            server = builder().setPort(port).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops PostgreSQL and only then deletes its data directory. Zonky's stop waits 5 s for the server; on a busy
     * machine the postmaster may still be writing after that, so this waits for the process itself before deleting
     * anything.
     */
    private static void closeQuietly() {
        if (server == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            server.close();
            postmaster.ifPresent(TestDatabase::awaitExit);
            if (dataDirectory != null) {
                try (var files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
        }
    }

    private static Optional<ProcessHandle> postmaster() {
        try {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (ExecutionException e) {
            // gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
