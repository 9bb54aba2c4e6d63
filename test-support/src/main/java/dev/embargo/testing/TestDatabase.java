package dev.embargo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::closeQuietly));
        }
        return server;
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
     * Stops PostgreSQL (fast shutdown: every connection is cut), keeps it down for the given time, and starts it again
     * on the same port and data directory, as an operator's restart or a crash-restart would.
     */
    public static synchronized void restart(java.time.Duration down) {
        try {
            String dataDir;
            try (Connection c = superuser().getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                dataDir = rs.getString(1);
            }
            String pid = java.nio.file.Files.readAllLines(java.nio.file.Path.of(dataDir, "postmaster.pid")).get(0)
                    .trim();
            java.nio.file.Path bin = java.nio.file.Path.of("/proc", pid, "exe").toRealPath().getParent();
            int port = server().getPort();
            run(bin.resolve("pg_ctl").toString(), "-D", dataDir, "-m", "fast", "-w", "stop");
            Thread.sleep(down.toMillis());
            run(bin.resolve("pg_ctl").toString(), "-D", dataDir, "-w", "-t", "60", "-o",
                    "-p " + port + " -F -c max_connections=300", "-l", dataDir + "/restart.log", "start");
        } catch (Exception e) {
            throw new IllegalStateException("could not restart PostgreSQL", e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException(command[0] + " " + command[3] + " exited with " + p.exitValue());
        }
    }

    private static void closeQuietly() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}
