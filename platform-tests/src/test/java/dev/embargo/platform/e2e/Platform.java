package dev.embargo.platform.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.embargo.platform.crypto.Keysets;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestKafka;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The four services started from their packaged jars as separate processes (prod profile, JSON logs) against real
 * infrastructure in this JVM: embedded PostgreSQL with a role and schema per service, a KRaft Kafka broker, the
 * WireMock OIDC provider and GreenMail. One platform per test JVM; tests tell their data apart by random slugs.
 */
final class Platform {

    enum Service {
        INTAKE, TRIAGE, NOTIFICATION, CREDITS, PORTAL;

        String id() {
            return name().toLowerCase();
        }

        /** The module whose packaged jar runs this service. */
        String module() {
            return this == PORTAL ? "portal" : id() + "-service";
        }

        /** The portal owns no data: no database, no Kafka. */
        boolean hasDatabase() {
            return this != PORTAL;
        }
    }

    /**
     * True in the JVM of the browser tests (surefire execution "browser"): the platform signs users in with a real
     * Keycloak instead of the WireMock provider, and the portal runs too.
     */
    static final boolean WITH_PORTAL = Boolean.getBoolean("embargo.platform.portal");

    private static Platform instance;

    final Path root = Path.of("").toAbsolutePath().getParent();
    final Path logs = Path.of("target", "platform-logs").toAbsolutePath();
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private final Map<String, String> commonEnv = new HashMap<>();
    private final java.util.List<Service> services;
    /** Set when {@link #WITH_PORTAL}: the Keycloak the browser signs in at. */
    final dev.embargo.testing.browser.TestKeycloak keycloak;
    private final Map<Service, Map<String, String>> serviceKeys = new java.util.EnumMap<>(Service.class);

    static synchronized Platform get() {
        if (instance == null) {
            instance = new Platform();
            instance.startAll();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll));
        }
        return instance;
    }

    private Platform() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        services = WITH_PORTAL ? java.util.List.of(Service.values())
                : java.util.List.of(Service.INTAKE, Service.TRIAGE, Service.NOTIFICATION, Service.CREDITS);
        for (Service s : services) {
            ports.put(s, freePort());
            managementPorts.put(s, freePort());
        }
        if (WITH_PORTAL) {
            keycloak = dev.embargo.testing.browser.TestKeycloak.shared(PortalRealm.realm(url(Service.PORTAL)));
            commonEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        } else {
            keycloak = null;
            Map<String, String> oidc = new OidcWiremockTestResource().start();
            // Tokens.of signs with the OIDC test server's key, found through this property.
            System.setProperty("smallrye.jwt.sign.key.location", oidc.get("smallrye.jwt.sign.key.location"));
            commonEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidc.get("keycloak.url") + "/realms/quarkus/");
        }
        var mail = MailTestResource.greenMail();
        commonEnv.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
        // As deployed: its own at-rest keyset and the shared transport keyset for each service that stores sealed
        // fields and seals or opens events, a client pseudonym key for intake and triage, no key at all for anyone
        // else (credits, the portal).
        String transport = Keysets.toBase64(Keysets.generate());
        var usesKeysets = java.util.EnumSet.of(Service.INTAKE, Service.TRIAGE, Service.NOTIFICATION);
        for (Service s : Service.values()) {
            Map<String, String> keys = new HashMap<>();
            if (usesKeysets.contains(s)) {
                keys.put("EMBARGO_CRYPTO_AT_REST_KEYSET", Keysets.toBase64(Keysets.generate()));
                keys.put("EMBARGO_CRYPTO_TRANSPORT_KEYSET", transport);
            }
            if (s == Service.INTAKE || s == Service.TRIAGE) {
                byte[] pseudonymKey = new byte[32];
                new java.security.SecureRandom().nextBytes(pseudonymKey);
                keys.put(s == Service.INTAKE ? "EMBARGO_SUBMISSIONS_PSEUDONYM_KEY" : "EMBARGO_REPORTER_PSEUDONYM_KEY",
                        java.util.Base64.getEncoder().encodeToString(pseudonymKey));
            }
            serviceKeys.put(s, keys);
        }
        commonEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        commonEnv.put("QUARKUS_MAILER_PORT", String.valueOf(mail.getSmtp().getPort()));
        commonEnv.put("QUARKUS_MAILER_MOCK", "false");
        commonEnv.put("QUARKUS_MAILER_TLS", "false");
        commonEnv.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        commonEnv.put("QUARKUS_MAILER_FROM", "embargo@embargo.localhost");
        commonEnv.put("EMBARGO_OUTBOX_POLL_INTERVAL", "1s");
        // Published outbox rows (sealed payloads) go after 2 s here instead of 7 days, so the canary test sees them go.
        commonEnv.put("EMBARGO_RETENTION_SENT_OUTBOX", "PT2S");
        commonEnv.put("EMBARGO_RETENTION_EVERY", "2s");
        // The five example policies as demo projects; demo-owner owns them all.
        commonEnv.put("EMBARGO_DEMO_ENABLED", "true");
        // Load and fault tests submit from one address; the per-client limit has tests of its own in intake.
        commonEnv.put("EMBARGO_SUBMISSIONS_RATE_PER_PERIOD", "1000000");
        commonEnv.put("EMBARGO_OUTBOX_DELIVERY_TIMEOUT", "10s");
        // Triage's SLA scheduler ticks at start and not again while the tests run. Otherwise a tick could publish a
        // case agreed for today between a test agreeing the date and pressing Publish. Triage's own tests call the
        // tick with their own instant.
        commonEnv.put("EMBARGO_SLA_EVERY", "6h");
        commonEnv.put("EMBARGO_PUBLIC_INTAKE_BASE_URL", url(Service.INTAKE));
        commonEnv.put("EMBARGO_PUBLIC_CREDITS_BASE_URL", url(Service.CREDITS));
        if (WITH_PORTAL) {
            // The portal passes the browser's address on; intake and triage trust it from the portal only.
            commonEnv.put("EMBARGO_SUBMISSIONS_TRUSTED_PROXIES", "127.0.0.1");
            commonEnv.put("EMBARGO_REPORTER_TRUSTED_PROXIES", "127.0.0.1");
            commonEnv.put("EMBARGO_MAIL_LINK_BASE_URL", url(Service.PORTAL));
            // Webhook receivers of the browser tests listen on this machine's loopback.
            commonEnv.put("EMBARGO_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.1/32");
            for (Service s : java.util.List.of(Service.INTAKE, Service.TRIAGE, Service.NOTIFICATION, Service.CREDITS)) {
                commonEnv.put("QUARKUS_REST_CLIENT_" + s.name() + "_URL", url(s));
            }
            commonEnv.put("EMBARGO_PORTAL_SESSION_SECRET", Keysets.toBase64(Keysets.generate()));
        }
    }

    /** localhost, not 127.0.0.1: the browser, the portal and Keycloak must agree on one host for cookies and issuer. */
    String url(Service s) {
        return (WITH_PORTAL ? "http://localhost:" : "http://127.0.0.1:") + ports.get(s);
    }

    /** The management interface of a service (health, metrics, OpenAPI), as the packaged (prod) services have it. */
    String managementUrl(Service s) {
        return "http://127.0.0.1:" + managementPorts.get(s);
    }

    Path log(Service s) {
        return logs.resolve(s.id() + ".log");
    }

    private void startAll() {
        for (Service s : services) {
            launch(s);
        }
        for (Service s : services) {
            awaitReady(s, Duration.ofSeconds(180));
        }
    }

    /** Starts a service process and returns at once; see {@link #awaitReady}. */
    synchronized void launch(Service s) {
        Path jar = root.resolve(s.module() + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: run the platform tests through ./mvnw verify");
        }
        var pb = processBuilder(s, ports.get(s), managementPorts.get(s), log(s));
        try {
            processes.put(s, pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + s, e);
        }
    }

    /** The process of a packaged service with the platform's settings, its keys and database account, on the ports. */
    private ProcessBuilder processBuilder(Service s, int port, int managementPort, Path log) {
        Path jar = root.resolve(s.module() + "/target/quarkus-app/quarkus-run.jar");
        var pb = new ProcessBuilder(javaBinary(), "-Xmx320m", "-XX:+UseSerialGC", "-jar", jar.toString());
        pb.environment().putAll(commonEnv);
        pb.environment().putAll(serviceKeys.get(s));
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        if (WITH_PORTAL) {
            // Method, path, status and time of every page, form and API call, to read when a browser test fails.
            pb.environment().put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
            pb.environment().put("QUARKUS_HTTP_ACCESS_LOG_PATTERN", "%r %s %D ms");
        }
        if (s.hasDatabase()) {
            var account = TestDatabase.account(s.id());
            pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", account.jdbcUrl());
            pb.environment().put("QUARKUS_DATASOURCE_USERNAME", account.username());
            pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", account.password());
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb;
    }

    /** One more instance of a service (another replica): its own ports and log, the same database, keys and Kafka. */
    record Replica(String name, String url, String managementUrl, Process process, Path log) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts another replica of the service with these settings on top of the platform's; close it when done. */
    synchronized Replica replica(Service s, String name, Map<String, String> settings) {
        int port = freePort();
        int managementPort = freePort();
        Path log = logs.resolve(s.id() + "-" + name + ".log");
        var pb = processBuilder(s, port, managementPort, log);
        pb.environment().putAll(settings);
        try {
            return new Replica(name, "http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort, pb.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    void awaitReady(Replica r, Duration limit) {
        awaitReady(r.name(), r.managementUrl(), () -> r.process(), r.log(), limit);
    }

    void awaitReady(Service s, Duration limit) {
        awaitReady(s.toString(), managementUrl(s), () -> processes.get(s), log(s), limit);
    }

    private void awaitReady(String name, String managementUrl, java.util.function.Supplier<Process> process, Path log,
            Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process.get();
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + limit + "; see " + log);
    }

    /** Kills a service without letting it shut down cleanly, as a crash would. */
    synchronized void kill(Service s) {
        Process p = processes.remove(s);
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void stopAll() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(p -> {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();

    /**
     * A free port below the kernel's ephemeral range (32768-60999), never handed out twice: an ephemeral port taken
     * with {@code new ServerSocket(0)} and released can be reused by any outgoing connection (JDBC, Kafka) before the
     * service binds it, and then the service, or its restart after kill -9, fails with "port in use". Ports 28000-29999
     * are left free for other stacks on the same machine.
     */
    private static synchronized int freePort() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 30_000);
            if (port >= 28_000) {
                port += 2_000;
            }
            if (TAKEN.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                TAKEN.add(port);
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below the ephemeral range");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
