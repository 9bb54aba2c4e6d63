package dev.embargo.testing.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The browser kit against the real things: a Keycloak started from the distribution, Debian's Chromium signing in
 * through Keycloak's own login form with PKCE to a small page served under a strict Content-Security-Policy, axe-core
 * on that page and on a broken one, and full-page screenshots.
 */
class BrowserKitTest {

    private static final String USER_ID = "5b0c7a4e-2f4d-4c1e-9a57-8d2b1f3e6a01";
    private static final String USERNAME = "kit-reporter";
    private static final String PASSWORD = "kit-" + UUID.randomUUID();
    private static final String SERVICE_SECRET = "kit-secret-" + UUID.randomUUID();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer site;
    private static String siteUrl;
    private static TestKeycloak keycloak;
    private static TestBrowser browser;
    private static List<ProcessHandle> keycloakProcesses;

    @BeforeAll
    static void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", Host.freePort()), 0);
        site.createContext("/", BrowserKitTest::serve);
        site.start();
        siteUrl = "http://localhost:" + site.getAddress().getPort();
        keycloak = TestKeycloak.shared(realm());
        keycloakProcesses = keycloak.processTree();
        browser = TestBrowser.start();
    }

    /** The realm of these tests; built anew on each call, equal each time. */
    private static KeycloakRealm realm() {
        return KeycloakRealm.named("kit").roles("reporter", "platform-admin").publicClient("kit-portal", siteUrl + "/*")
                .directGrantClient("kit-cli").confidentialClient("kit-service", SERVICE_SECRET)
                .user(KeycloakRealm.user(USER_ID, USERNAME, PASSWORD).roles("reporter"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            browser.close();
        }
        if (keycloak != null) {
            keycloak.stop();
            keycloak.stop();
            assertFalse(keycloak.isRunning(), "Keycloak still runs after stop()");
            for (ProcessHandle p : keycloakProcesses) {
                assertFalse(p.isAlive(), "a process of Keycloak's tree still runs after stop(): " + p.pid() + " "
                        + p.info().command().orElse("?"));
            }
            assertFalse(Host.listening(keycloak.port()), "Keycloak's port still accepts connections after stop()");
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void signsInThroughKeycloaksLoginFormWithPkceAndComesBackWithACodeForTheFixedUser() throws Exception {
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomUrlSafe(12);
        String redirect = siteUrl + "/callback";
        browser.open(keycloak.authorizationEndpoint() + "?"
                + form(Map.of("client_id", "kit-portal", "response_type", "code", "scope", "openid", "redirect_uri",
                        redirect, "state", state, "code_challenge", challenge, "code_challenge_method", "S256")));

        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(USERNAME);
        browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver().findElement(By.id("kc-login")).click();
        browser.await().until(ExpectedConditions.urlContains("/callback"));

        Map<String, String> query = query(URI.create(browser.driver().getCurrentUrl()));
        assertTrue(browser.driver().getCurrentUrl().startsWith(redirect + "?"), browser.driver().getCurrentUrl());
        assertEquals(state, query.get("state"));
        assertNull(query.get("error"), () -> "Keycloak redirected with an error: " + query);
        String code = query.get("code");
        assertTrue(code != null && !code.isBlank(), "no code in " + query.keySet());
        assertEquals("Signed in", browser.driver().findElement(By.tagName("h1")).getText());

        // The code is good for tokens of the fixed user only with the verifier: PKCE, as the portal will use it.
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "client_id",
                        "kit-portal", "code", code, "redirect_uri", redirect, "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode access = claims(JSON.readTree(tokens.body()).get("access_token").asText());
        assertEquals(USER_ID, access.get("sub").asText());
        assertEquals(keycloak.realmUrl(), access.get("iss").asText());
        assertTrue(access.get("aud").toString().contains("\"embargo\""), access.get("aud").toString());
    }

    @Test
    void anEqualRealmSharesTheRunningKeycloak() {
        assertSame(keycloak, TestKeycloak.shared(realm()));
    }

    @Test
    void theBrowserClientRequiresPkce() {
        browser.open(keycloak.authorizationEndpoint() + "?" + form(Map.of("client_id", "kit-portal", "response_type",
                "code", "scope", "openid", "redirect_uri", siteUrl + "/callback", "state", "no-pkce")));
        browser.await().until(ExpectedConditions.urlContains("/callback"));
        Map<String, String> query = query(URI.create(browser.driver().getCurrentUrl()));
        assertEquals("invalid_request", query.get("error"), query.toString());
        assertNull(query.get("code"));
    }

    @Test
    void passwordTokensCarryTheFixedSubjectTheRealmRolesAndTheEmbargoAudience() throws Exception {
        JsonNode cli = claims(keycloak.passwordToken("kit-cli", USERNAME, PASSWORD));
        assertEquals(USER_ID, cli.get("sub").asText());
        assertTrue(cli.get("aud").toString().contains("\"embargo\""), cli.get("aud").toString());
        assertTrue(cli.at("/realm_access/roles").toString().contains("\"reporter\""), cli.toString());
        assertFalse(cli.at("/realm_access/roles").toString().contains("\"platform-admin\""), cli.toString());
        assertEquals(USERNAME + "@embargo.localhost", cli.get("email").asText());

        JsonNode service = claims(keycloak.passwordToken("kit-service", USERNAME, PASSWORD));
        assertEquals(USER_ID, service.get("sub").asText());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> keycloak.passwordToken("kit-cli", USERNAME, "wrong"));
        assertTrue(refused.getMessage().contains("invalid_grant"), refused.getMessage());
        assertFalse(refused.getMessage().contains("wrong"), "the message must not echo the password");
        IllegalStateException browserOnly = assertThrows(IllegalStateException.class,
                () -> keycloak.passwordToken("kit-portal", USERNAME, PASSWORD));
        assertTrue(browserOnly.getMessage().contains("unauthorized_client"), browserOnly.getMessage());
    }

    @Test
    void axeInjectedUnderAStrictCspFindsNothingSeriousOnAnAccessiblePage() {
        browser.open(siteUrl + "/callback");
        // The policy is in force: the page's own script from 'self' ran, its inline script did not.
        assertEquals("ran", browser.driver().executeScript("return document.body.dataset.external"));
        assertNull(browser.driver().executeScript("return document.body.dataset.inline"));

        List<Axe.Violation> violations = Axe.check(browser.driver());
        assertTrue(violations.stream().noneMatch(Axe.Violation::serious), violations.toString());
        Axe.assertNoSeriousViolations(browser.driver(), "signed-in page");
    }

    @Test
    void axeFailsABrokenPageNamingTheRulesAndElements() {
        browser.open(siteUrl + "/broken");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Axe.assertNoSeriousViolations(browser.driver(), "broken page"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("broken page (" + siteUrl + "/broken) has "), message);
        assertTrue(message.contains("image-alt [critical] Images must have alternative text"), message);
        assertTrue(message.contains("[\"img\"]"), message);
        assertTrue(message.contains("label [critical]"), message);
        assertTrue(message.contains("[\"#nameless\"]"), message);
        assertTrue(message.contains("https://dequeuniversity.com/rules/axe/"), message);
    }

    @Test
    void screenshotsHaveTheDocumentedWidthsAndThePagesWholeHeight() throws IOException {
        browser.open(siteUrl + "/tall");
        Path dir = Host.buildDirectory().resolve("screenshots");
        List<Path> files = Screenshots.take(browser.driver(), dir, "kit-tall");
        assertEquals(List.of(dir.resolve("kit-tall-1280.png"), dir.resolve("kit-tall-390.png")), files);
        BufferedImage desktop = ImageIO.read(files.get(0).toFile());
        BufferedImage phone = ImageIO.read(files.get(1).toFile());
        assertEquals(1280, desktop.getWidth());
        assertEquals(390, phone.getWidth());
        assertTrue(desktop.getHeight() >= 3000, "not the whole page: " + desktop.getHeight() + " px high");
        // At 390 px the text wraps, so the phone's page is the taller one.
        assertTrue(phone.getHeight() > desktop.getHeight(), phone.getHeight() + " <= " + desktop.getHeight());
        // The bottom of the page is in the image: the footer's dark band.
        assertEquals(0x20, desktop.getRGB(10, desktop.getHeight() - 5) & 0xff);
        assertEquals(1280L, browser.driver().executeScript("return window.innerWidth"),
                "the window is back at its own width after the screenshots");
    }

    @Test
    void theWindowTakesThePhoneWidthAndBackTheDesktopWidth() {
        browser.open(siteUrl + "/callback");
        try {
            browser.resize(TestBrowser.PHONE_WIDTH, 844);
            assertEquals(390L, browser.driver().executeScript("return window.innerWidth"));
            assertEquals(844L, browser.driver().executeScript("return window.innerHeight"));
        } finally {
            browser.resize(TestBrowser.DESKTOP_WIDTH, 900);
        }
        assertEquals(1280L, browser.driver().executeScript("return window.innerWidth"));
        assertEquals(900L, browser.driver().executeScript("return window.innerHeight"));
    }

    @Test
    void aMissingBrowserFailsWithTheInstallCommandInsteadOfSkipping() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestBrowser.Installation
                .find(Path.of("/nonexistent/chromium"), TestBrowser.installation().driver(), false));
        assertEquals("browser tests need Chromium and chromedriver, and /nonexistent/chromium (package chromium) is "
                + "missing; install them with: sudo apt-get install chromium chromium-driver", e.getMessage());
    }

    @Test
    void aKeycloakThatDiesAtStartFailsAtOnceWithItsLog() {
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestKeycloak.with(KeycloakRealm.named("doomed")).option("--no-such-option").start());
        assertTrue(e.getMessage().startsWith("Keycloak exited with status "), e.getMessage());
        assertTrue(e.getMessage().contains("--no-such-option"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "did not fail fast");
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String type = "text/html; charset=utf-8";
        String body = switch (path) {
        case "/callback" -> page("Signed in", """
                <main><h1>Signed in</h1><p>The browser came back from Keycloak.</p>
                <form action="/callback" method="get"><label for="q">Search</label> <input id="q" name="q">
                <button type="submit">Go</button></form></main>""");
        case "/tall" -> page("A long page",
                "<main><h1>A long page</h1>" + "<p>" + "Words that wrap on a phone. ".repeat(60)
                        + "</p><div class=\"tall\"></div></main>" + "<footer><p>The end.</p></footer>");
        case "/broken" -> page("Broken", """
                <main><h1>Broken</h1><img src="/pixel.png"><input id="nameless" type="text"></main>""");
        case "/site.css" -> {
            type = "text/css";
            yield "body{font-family:sans-serif;color:#111;background:#fff;margin:0}main{padding:1rem}"
                    + ".tall{height:3000px}footer{background:#202020;color:#fff;padding:2rem}";
        }
        case "/site.js" -> {
            type = "text/javascript";
            yield "document.body.dataset.external = 'ran';";
        }
        default -> null;
        };
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title><link rel=\"stylesheet\" href=\"/site.css\"></head><body>" + body
                + "<script src=\"/site.js\"></script><script>document.body.dataset.inline = 'ran';</script>"
                + "</body></html>";
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        for (var e : new TreeMap<>(fields).entrySet()) {
            out.append(out.isEmpty() ? "" : "&").append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
