package dev.embargo.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Accessibility checks of the page a browser shows, with axe-core (the root POM's {@code axe-core.version}): injected
 * into the page with WebDriver's script execution, which runs outside the page's Content-Security-Policy, so pages keep
 * their strict {@code script-src 'self'} while they are checked.
 * <p>
 * axe-core comes from npm: on first use the kit runs {@code npm install --no-save --prefix target/axe-core-<version>
 * axe-core@<version>} (saying so on the test output) and reuses {@code axe.min.js} from there afterwards;
 * {@code -Dembargo.axe.dir} moves that directory. Without npm it fails with the command that installs it.
 */
public final class Axe {

    /** Impacts that fail {@link #assertNoSeriousViolations}. */
    public static final Set<String> SERIOUS = Set.of("serious", "critical");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String source;

    private Axe() {
    }

    /** One rule the page breaks: axe's rule id, impact (minor, moderate, serious, critical), help and the elements. */
    public record Violation(String id, String impact, String help, String helpUrl, List<String> targets) {

        public boolean serious() {
            return SERIOUS.contains(impact);
        }

        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " " + targets + " — " + helpUrl;
        }
    }

    /** The axe-core version the kit installs and injects. */
    public static String version() {
        return TestKeycloak.kit().getProperty("axe-core.version");
    }

    /** Runs every axe rule on the page the driver shows now and returns the violations, of any impact. */
    public static List<Violation> check(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Object loaded = js.executeScript("return window.axe && window.axe.version");
        if (!version().equals(loaded)) {
            js.executeScript(script() + "\n;return window.axe && window.axe.version;");
            Object injected = js.executeScript("return window.axe && window.axe.version");
            if (!version().equals(injected)) {
                throw new IllegalStateException("axe-core " + version() + " was injected into " + driver.getCurrentUrl()
                        + " but the page reports axe " + injected);
            }
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done(JSON.stringify({ error: String(e && e.stack || e) })));
                """);
        try {
            JsonNode json = JSON.readTree(String.valueOf(result));
            if (json.has("error")) {
                throw new IllegalStateException(
                        "axe-core failed on " + driver.getCurrentUrl() + ": " + json.get("error").asText());
            }
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : json) {
                List<String> targets = new ArrayList<>();
                for (JsonNode node : v.path("nodes")) {
                    targets.add(node.path("target").toString());
                }
                violations.add(new Violation(v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(),
                        v.path("helpUrl").asText(), List.copyOf(targets)));
            }
            return List.copyOf(violations);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core returned no JSON: " + result, e);
        }
    }

    /**
     * Fails with an {@link AssertionError} listing each serious or critical violation (rule id, impact, help, the
     * offending elements' selectors) of the page the driver shows; lesser ones are printed, not failed.
     */
    public static void assertNoSeriousViolations(WebDriver driver, String pageName) {
        List<Violation> violations = check(driver);
        List<Violation> serious = violations.stream().filter(Violation::serious).toList();
        violations.stream().filter(v -> !v.serious()).forEach(v -> Host.say("Axe", pageName + ": " + v));
        if (!serious.isEmpty()) {
            StringBuilder message = new StringBuilder().append(pageName).append(" (").append(driver.getCurrentUrl())
                    .append(") has ").append(serious.size()).append(" serious or critical accessibility violation")
                    .append(serious.size() == 1 ? "" : "s").append(" (axe-core ").append(version()).append("):");
            for (Violation v : serious) {
                message.append("\n  - ").append(v.id()).append(" [").append(v.impact()).append("] ").append(v.help())
                        .append("\n      elements: ").append(String.join(", ", v.targets())).append("\n      see ")
                        .append(v.helpUrl());
            }
            throw new AssertionError(message.toString());
        }
    }

    /** The text of {@code axe.min.js}, installed with npm on first use. */
    static synchronized String script() {
        if (source == null) {
            Path file = installed();
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
        return source;
    }

    private static Path installed() {
        Path dir = Optional.ofNullable(System.getProperty("embargo.axe.dir")).map(Path::of)
                .orElseGet(() -> Host.buildDirectory().resolve("axe-core-" + version())).toAbsolutePath();
        Path module = dir.resolve("node_modules/axe-core");
        Path file = module.resolve("axe.min.js");
        return Host.withFileLock(dir.resolveSibling(dir.getFileName() + ".lock"), () -> {
            if (Files.isRegularFile(file) && installedVersion(module).equals(version())) {
                return file;
            }
            Path npm = Host.onPath("npm")
                    .orElseThrow(() -> new IllegalStateException("axe-core " + version()
                            + " is installed with npm on first use, and npm is not on the PATH; install it with: "
                            + "sudo apt-get install npm (or put axe-core " + version() + " at " + module + ")"));
            List<String> command = List.of(npm.toString(), "install", "--no-save", "--no-audit", "--no-fund",
                    "--prefix", dir.toString(), "axe-core@" + version());
            Path log = dir.resolveSibling(dir.getFileName() + "-npm.log");
            Files.createDirectories(dir);
            Files.deleteIfExists(log);
            Host.say("Axe",
                    "installing axe-core " + version() + ": " + String.join(" ", command) + " (log " + log + ")");
            int status = Host.run(command, log, 300);
            if (status != 0 || !Files.isRegularFile(file)) {
                throw new IllegalStateException("npm could not install axe-core " + version() + " (status " + status
                        + "); last lines of " + log + ":\n" + Host.tail(log, 20));
            }
            if (!installedVersion(module).equals(version())) {
                throw new IllegalStateException("npm installed axe-core " + installedVersion(module) + " into " + module
                        + ", expected " + version());
            }
            return file;
        });
    }

    private static String installedVersion(Path module) throws IOException {
        Path manifest = module.resolve("package.json");
        return Files.isRegularFile(manifest) ? JSON.readTree(manifest.toFile()).path("version").asText() : "";
    }
}
