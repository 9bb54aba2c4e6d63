package dev.embargo.testing.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak (the distribution {@code ./platform} runs, the root POM's {@code keycloak.version}) started from a
 * test JVM as a child process, with one realm imported from a {@link KeycloakRealm} built in code: for browser tests of
 * an OIDC code flow and for tokens of real users.
 * <p>
 * The distribution zip is test-support's Maven test dependency {@code org.keycloak:keycloak-quarkus-dist:zip}; the
 * build writes its path in the local repository into {@code browser-kit.properties}. It is unpacked once into
 * {@code -Dembargo.keycloak.home} (the root POM's surefire sets the root's {@code target/keycloak-<version>}, so all
 * modules share one) or else {@code target/keycloak-<version>} of the module whose tests run, and reused; its first
 * start there also runs Keycloak's build step, later starts don't. Keycloak runs in dev mode with an in-memory database
 * ({@code start-dev --db=dev-mem --import-realm}), so every start begins from the realm alone. It listens on 127.0.0.1
 * at a free port in 20000-27999, runs on this JVM's Java, and logs to {@code target/keycloak-<realm>-<port>.log}.
 * <p>
 * {@link #start(KeycloakRealm)} returns once the realm's OpenID configuration answers, and fails at once, with the last
 * 40 lines of the log, if the process dies first. {@link #stop()} (or {@link #close()}) ends the whole process tree and
 * may be called any number of times; a shutdown hook does it for a test that never calls it. Starts that share one
 * unpacked home are serialized across JVMs by a file lock; running instances may share it.
 */
public final class TestKeycloak implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Properties KIT = kitProperties();
    private static final Map<String, TestKeycloak> SHARED = new HashMap<>();

    private final String realm;
    private final Map<String, Optional<String>> clientSecrets;
    private final int port;
    private final Path log;
    private final String adminPassword;
    private final Process process;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Duration startTime;
    private boolean stopped;

    private TestKeycloak(String realm, Map<String, Optional<String>> clientSecrets, int port, Path log,
            String adminPassword, Process process) {
        this.realm = realm;
        this.clientSecrets = clientSecrets;
        this.port = port;
        this.log = log;
        this.adminPassword = adminPassword;
        this.process = process;
        this.shutdownHook = new Thread(() -> destroyTree(process), "test-keycloak-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Keycloak with this realm, in the default home, and waits until the realm answers (at most 5 minutes). */
    public static TestKeycloak start(KeycloakRealm realm) {
        return with(realm).start();
    }

    /**
     * One Keycloak per realm definition for the whole test JVM: the first call starts it, later calls with an equal
     * realm (same JSON) return the running one, so several test classes pay for one start. It is stopped when the JVM
     * exits; {@link #stop()} on it is allowed and makes the next call start a new one.
     */
    public static TestKeycloak shared(KeycloakRealm realm) {
        String json = realm.toJson();
        synchronized (SHARED) {
            TestKeycloak running = SHARED.get(json);
            if (running == null || !running.isRunning()) {
                running = start(realm);
                SHARED.put(json, running);
            }
            return running;
        }
    }

    /** A start with more choices than {@link #start(KeycloakRealm)}. */
    public static Builder with(KeycloakRealm realm) {
        return new Builder(realm);
    }

    /** The Keycloak version this kit starts, the root POM's {@code keycloak.version}. */
    public static String version() {
        return KIT.getProperty("keycloak.version");
    }

    /** Keycloak's base URL, e.g. {@code http://localhost:21234}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The realm's URL, the issuer of its tokens and an OIDC client's {@code auth-server-url}. */
    public String realmUrl() {
        return url() + "/realms/" + realm;
    }

    /** The realm's authorization endpoint, where a browser's code flow begins. */
    public String authorizationEndpoint() {
        return realmUrl() + "/protocol/openid-connect/auth";
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public int port() {
        return port;
    }

    /** Keycloak's log file. */
    public Path log() {
        return log;
    }

    /** The password of the master realm's {@code admin}, for Keycloak's admin API or console. */
    public String adminPassword() {
        return adminPassword;
    }

    /** How long the start took, from launching the process until the realm answered. */
    public Duration startTime() {
        return startTime;
    }

    /**
     * An access token for the user through the password grant (direct access grant) of the client: a
     * {@link KeycloakRealm#directGrantClient(String)} or a {@link KeycloakRealm#confidentialClient(String, String)}
     * (whose secret is sent). For API calls; a browser signs in through the login form instead.
     */
    public String passwordToken(String clientId, String username, String password) {
        Optional<String> secret = clientSecrets.get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException(
                    "realm " + realm + " has no client " + clientId + "; it has " + clientSecrets.keySet());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        secret.ifPresent(s -> form.put("client_secret", s));
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
                throw new IllegalStateException("Keycloak refused a password token for user " + username + " of client "
                        + clientId + " in realm " + realm + ": HTTP " + response.statusCode() + " "
                        + json.path("error").asText() + " (" + json.path("error_description").asText() + ")");
            }
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("password grant at " + tokenEndpoint() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the password grant", e);
        }
    }

    /** True while the Keycloak process runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** The script's process and its descendants (Keycloak's JVM), as they are now. */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        return tree;
    }

    /** Ends Keycloak and every process it started; does nothing when already stopped. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran already
        }
        destroyTree(process);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** SIGTERM to the script and its JVM, then SIGKILL to whatever still runs 20 s later. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("TestKeycloak: process " + handle.pid() + " did not end after SIGKILL");
            }
        }
    }

    /** Options of a start; {@link #start()} starts. */
    public static final class Builder {
        public static final String DEFAULT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1";
        private final KeycloakRealm realm;
        private Path home;
        private Duration timeout = Duration.ofMinutes(5);
        private final List<String> options = new ArrayList<>();
        private String javaOptions = DEFAULT_JAVA_OPTIONS;

        private Builder(KeycloakRealm realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
        }

        /** Where the distribution is unpacked and reused; default {@code target/keycloak-<version>}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** How long the start may take before it fails; default 5 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** An extra option of {@code kc.sh start-dev}, e.g. {@code --features=token-exchange}. */
        public Builder option(String option) {
            options.add(option);
            return this;
        }

        /**
         * Options appended to Keycloak's JVM's ({@code JAVA_OPTS_APPEND}); default {@value #DEFAULT_JAVA_OPTIONS}:
         * without the C2 compiler Keycloak is ready in about half the time on a 2-core machine, and a test's few
         * requests never need C2's code.
         */
        public Builder javaOptions(String javaOptions) {
            this.javaOptions = javaOptions;
            return this;
        }

        public TestKeycloak start() {
            return launch(this);
        }
    }

    private static synchronized TestKeycloak launch(Builder b) {
        Path home = b.home != null ? b.home.toAbsolutePath()
                : Optional.ofNullable(System.getProperty("embargo.keycloak.home")).map(Path::of)
                        .orElseGet(() -> Host.buildDirectory().resolve("keycloak-" + version()));
        String json = b.realm.toJson();
        Map<String, Optional<String>> secrets = b.realm.clientSecrets();
        return Host.withFileLock(home.resolveSibling(home.getFileName() + ".lock"), () -> {
            boolean fresh = unpack(home);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (Stream<Path> stale = Files.list(imports)) {
                for (Path file : stale.toList()) {
                    Files.deleteIfExists(file); // a crashed run's realm would be imported too
                }
            }
            Path realmFile = imports.resolve(b.realm.name() + "-realm.json");
            Files.writeString(realmFile, json);

            int port = Host.freePort();
            Path log = Host.buildDirectory().resolve("keycloak-" + b.realm.name() + "-" + port + ".log");
            Files.createDirectories(log.getParent());
            // The management port is only used when an option turns health or metrics on; chosen anyway so it never
            // falls back to 9000, where another Keycloak (./platform's, another test JVM's) may listen.
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--http-management-port=" + Host.freePort(),
                    "--db=dev-mem", "--import-realm"));
            command.addAll(b.options);
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("JAVA_OPTS")
                    || k.startsWith("QUARKUS_"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            if (b.javaOptions != null && !b.javaOptions.isBlank()) {
                env.put("JAVA_OPTS_APPEND", b.javaOptions);
            }
            String adminPassword = UUID.randomUUID().toString();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);

            Host.say("TestKeycloak",
                    "starting Keycloak " + version() + " with realm " + b.realm.name() + " on port " + port
                            + (fresh ? " (first start in " + home + ": includes Keycloak's build step)" : "") + ", log "
                            + log);
            long t0 = System.nanoTime();
            Process process = pb.start();
            process.getOutputStream().close();
            TestKeycloak keycloak = new TestKeycloak(b.realm.name(), secrets, port, log, adminPassword, process);
            try {
                keycloak.awaitRealm(b.timeout);
            } catch (RuntimeException e) {
                keycloak.stop();
                throw e;
            } finally {
                Files.deleteIfExists(realmFile);
            }
            keycloak.startTime = Duration.ofNanos(System.nanoTime() - t0);
            Host.say("TestKeycloak", String.format("Keycloak %s ready at %s in %.1f s", version(), keycloak.realmUrl(),
                    keycloak.startTime.toMillis() / 1000.0));
            return keycloak;
        });
    }

    private void awaitRealm(Duration timeout) {
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue() + " before realm "
                        + realm + " was ready; last lines of " + log + ":\n" + Host.tail(log, 40));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    String issuer = JSON.readTree(response.body()).path("issuer").asText();
                    if (!issuer.equals(realmUrl())) {
                        throw new IllegalStateException("Keycloak's issuer is " + issuer + ", expected " + realmUrl());
                    }
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak did not serve realm " + realm + " within "
                        + timeout.toSeconds() + " s; last lines of " + log + ":\n" + Host.tail(log, 40));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
    }

    /** The distribution zip in the local Maven repository (or {@code -Dembargo.keycloak.zip}). */
    static Path distributionZip() {
        String configured = System.getProperty("embargo.keycloak.zip", KIT.getProperty("keycloak.zip"));
        if (configured == null || configured.contains("${")) {
            throw new IllegalStateException("browser-kit.properties names no Keycloak zip (" + configured
                    + "): test-support was not built by Maven (its dependency:properties step writes the path); run "
                    + "./mvnw -pl test-support -am install -DskipTests, or set -Dembargo.keycloak.zip=<path>");
        }
        Path zip = Path.of(configured);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak " + version() + " distribution is not at " + zip
                    + ": it is test-support's Maven test dependency org.keycloak:keycloak-quarkus-dist:" + version()
                    + ":zip, fetched when test-support is built; run ./mvnw -pl test-support -am install -DskipTests"
                    + " (or set -Dembargo.keycloak.zip=<path>)");
        }
        return zip;
    }

    /** Unpacks the distribution into home unless a complete earlier unpack is there; true if it unpacked. */
    private static boolean unpack(Path home) throws IOException {
        Path marker = home.resolve(".embargo-unpacked");
        if (Files.exists(marker) && Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return false;
        }
        Path zip = distributionZip();
        long t0 = System.nanoTime();
        Host.say("TestKeycloak", "unpacking " + zip + " into " + home);
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking");
        deleteTree(staging);
        deleteTree(home);
        Files.createDirectories(staging);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(archive.entries())) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue; // the top directory keycloak-<version>/ itself
                }
                Path target = staging.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("zip entry outside the distribution: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        try (Stream<Path> scripts = Files.list(staging.resolve("bin"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                var permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
                permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(script, permissions);
            }
        }
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, zip + "\n");
        Host.say("TestKeycloak", String.format("unpacked in %.1f s", (System.nanoTime() - t0) / 1e9));
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Properties kitProperties() {
        Properties properties = new Properties();
        try (InputStream in = TestKeycloak.class.getResourceAsStream("browser-kit.properties")) {
            if (in == null) {
                throw new IllegalStateException("browser-kit.properties is missing from test-support's classes: "
                        + "build test-support with ./mvnw -pl test-support -am install -DskipTests");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read browser-kit.properties", e);
        }
        return properties;
    }

    static Properties kit() {
        return KIT;
    }
}
