package dev.embargo.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, for tests that use pages as a person would: Debian's
 * {@code /usr/bin/chromium} through its {@code /usr/bin/chromedriver} (other paths with {@code -Dembargo.chromium} and
 * {@code -Dembargo.chromedriver}).
 * <p>
 * Both are named to Selenium explicitly, so Selenium Manager never runs and nothing is downloaded. When they are
 * missing and the test runs as root on a machine with apt, the kit installs them itself ({@code apt-get update},
 * {@code apt-get install -y chromium chromium-driver}, saying so on the test output); otherwise it fails with what is
 * missing and the command that installs it. It never skips a test.
 * <p>
 * Chromium runs with {@code --headless=new}, {@code --disable-dev-shm-usage}, a device scale factor of 1, its
 * background networking (updates, safe browsing, sync) off so it talks only to the pages a test opens, and
 * {@code --no-sandbox} when the test runs as root (Chromium's sandbox refuses root). One {@code TestBrowser} is one
 * browser process with one fresh profile; {@link #close()} quits it.
 */
public final class TestBrowser implements AutoCloseable {

    /** The desktop width screenshots and layout checks use. */
    public static final int DESKTOP_WIDTH = 1280;
    /** The phone width screenshots and layout checks use. */
    public static final int PHONE_WIDTH = 390;

    private static final String INSTALL_COMMAND = "sudo apt-get install chromium chromium-driver";
    private static Installation installation;

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private boolean closed;

    private TestBrowser(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /** A browser with a 1280 x 900 viewport. */
    public static TestBrowser start() {
        return start(DESKTOP_WIDTH, 900);
    }

    /** A browser whose pages have a viewport of this size in CSS pixels (see {@link #resize(int, int)}). */
    public static TestBrowser start(int width, int height) {
        Installation chromium = installation();
        Path log = Host.buildDirectory().resolve("chromedriver-" + ProcessHandle.current().pid() + ".log");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromium.driver().toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile()).usingPort(Host.freePort()).withLogFile(log.toFile())
                .withAppendLog(true).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toFile());
        options.addArguments(arguments(width, height, Host.isRoot()));
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw new IllegalStateException("Chromium " + chromium.version() + " did not start through "
                    + chromium.driver() + "; chromedriver's log: " + log + "\n" + Host.tail(log, 20), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        TestBrowser browser = new TestBrowser(driver, service);
        browser.resize(width, height);
        return browser;
    }

    static List<String> arguments(int width, int height, boolean root) {
        List<String> args = new ArrayList<>(List.of("--headless=new", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--hide-scrollbars",
                "--lang=en-US", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-client-side-phishing-detection", "--disable-domain-reliability",
                "--no-pings", "--password-store=basic", "--disable-features=Translate,MediaRouter,OptimizationHints"));
        if (root) {
            args.add("--no-sandbox");
        }
        return args;
    }

    /** The Selenium driver; a {@link ChromeDriver}, so Chrome DevTools commands are at hand too. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the URL and returns when the page has loaded. */
    public TestBrowser open(String url) {
        driver.get(url);
        return this;
    }

    /** A wait of up to 30 s for a condition on the page. */
    public WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /**
     * Makes the page's viewport this size in CSS pixels ({@code window.innerWidth} and {@code innerHeight}): the window
     * is set to it, then enlarged by what the window's own frame takes (headless Chromium's window still counts about
     * 140 px of height for a toolbar it does not draw).
     */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) driver.executeScript("return window.innerWidth")).longValue();
        long innerHeight = ((Number) driver.executeScript("return window.innerHeight")).longValue();
        if (innerWidth != width || innerHeight != height) {
            driver.manage().window()
                    .setSize(new Dimension((int) (2L * width - innerWidth), (int) (2L * height - innerHeight)));
        }
    }

    /** Quits the browser and its driver; does nothing when already closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /** The Chromium and chromedriver the kit uses, installing them first where it may. */
    public static synchronized Installation installation() {
        if (installation == null) {
            Path browser = Path.of(System.getProperty("embargo.chromium", "/usr/bin/chromium"));
            Path driver = Path.of(System.getProperty("embargo.chromedriver", "/usr/bin/chromedriver"));
            boolean mayInstall = Host.isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"));
            installation = Installation.find(browser, driver, mayInstall);
        }
        return installation;
    }

    /** A Chromium and its chromedriver, of one version. */
    public record Installation(Path browser, Path driver, String version) {

        private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+\\.\\d+\\.\\d+");

        /**
         * Checks both executables, installing them with apt when they are missing and {@code mayInstall} (root on
         * Debian); otherwise a missing one fails with the command that installs it.
         */
        static Installation find(Path browser, Path driver, boolean mayInstall) {
            List<String> missing = missing(browser, driver);
            if (!missing.isEmpty()) {
                if (!mayInstall) {
                    throw new IllegalStateException(missingMessage(missing));
                }
                install(missing);
                missing = missing(browser, driver);
                if (!missing.isEmpty()) {
                    throw new IllegalStateException(
                            "apt-get installed chromium and chromium-driver, yet " + missingMessage(missing));
                }
            }
            String browserVersion = version(browser);
            String driverVersion = version(driver);
            if (!major(browserVersion).equals(major(driverVersion))) {
                throw new IllegalStateException("Chromium " + browserVersion + " (" + browser + ") and chromedriver "
                        + driverVersion + " (" + driver + ") are of different versions; install both from one source: "
                        + INSTALL_COMMAND);
            }
            return new Installation(browser, driver, browserVersion);
        }

        static String missingMessage(List<String> missing) {
            return "browser tests need Chromium and chromedriver, and " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing; install them with: " + INSTALL_COMMAND;
        }

        private static List<String> missing(Path browser, Path driver) {
            List<String> missing = new ArrayList<>();
            if (!Files.isExecutable(browser)) {
                missing.add(browser + " (package chromium)");
            }
            if (!Files.isExecutable(driver)) {
                missing.add(driver + " (package chromium-driver)");
            }
            return missing;
        }

        private static void install(List<String> missing) {
            Path log = Host.buildDirectory().resolve("apt-chromium.log");
            // Waits for a lock another apt run holds (another engineer's install, unattended upgrades).
            String lockWait = "DPkg::Lock::Timeout=300";
            for (List<String> command : List.of(List.of("apt-get", "-o", lockWait, "update"),
                    List.of("apt-get", "-o", lockWait, "install", "-y", "chromium", "chromium-driver"))) {
                Host.say("TestBrowser", String.join(" and ", missing) + " missing; running as root: "
                        + String.join(" ", command) + " (log " + log + ")");
                int status = runWithEnvironment(command, log);
                if (status != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with status " + status + " ("
                            + missingMessage(missing) + "); last lines of " + log + ":\n" + Host.tail(log, 20));
                }
            }
        }

        private static int runWithEnvironment(List<String> command, Path log) {
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = pb.start();
                process.getOutputStream().close();
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return -1;
                }
                return process.exitValue();
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + String.join(" ", command), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + String.join(" ", command), e);
            }
        }

        private static String version(Path executable) {
            Path out = Host.buildDirectory().resolve("chromium-version.txt");
            try {
                Files.deleteIfExists(out);
                int status = Host.run(List.of(executable.toString(), "--version"), out, 60);
                String text = Files.exists(out) ? Files.readString(out) : "";
                Matcher m = VERSION.matcher(text);
                if (status != 0 || !m.find()) {
                    throw new IllegalStateException(executable + " --version failed (status " + status + "): "
                            + text.strip() + "; reinstall with: " + INSTALL_COMMAND);
                }
                return m.group();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover file in target/ is harmless
                }
            }
        }

        private static String major(String version) {
            return version.substring(0, version.indexOf('.'));
        }
    }
}
