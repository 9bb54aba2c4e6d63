package dev.embargo.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The portal's page times with 10,000 cases in the reader's projects: the demo owner (all five demo projects) signs in
 * through Keycloak's login form as a browser would, then the inbox, a filtered inbox page, a case and a project page
 * are each fetched 200 times; p50 and p95 of the time to the whole page, measured on this machine.
 */
final class PortalPages {

    static final int CASES = 10_000;
    static final int SAMPLES = 200;

    private final Bench bench;
    private final String portal = "http://localhost:" + Bench.env("PORTAL_PORT", "8085");
    private final String triage = "http://127.0.0.1:" + Bench.env("TRIAGE_PORT", "8082");

    PortalPages(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String password = System.getenv("PASSWORD_demo_owner");
        if (password == null || password.isBlank()) {
            bench.rows.add(new Bench.Row("portal pages", "n/a: no PASSWORD_demo_owner", "", null));
            return;
        }
        String token = bench.passwordToken("demo-owner", password);
        long cases = seed(token);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(localhostCookies())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(browser, password);
        String trackingId = firstTrackingId(token);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("inbox (next deadline first)", "/cases");
        pages.put("inbox, state NEW, page 4", "/cases?state=NEW&page=3");
        pages.put("inbox, search by tracking id", "/cases?q=" + trackingId);
        pages.put("case " + trackingId, "/cases/" + trackingId);
        pages.put("public project page /p/pod", "/p/pod");
        for (var page : pages.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < SAMPLES + 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(portal + page.getValue()))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 200 || !r.body().contains("<main")) {
                    throw new IllegalStateException(page.getValue() + " answered " + r.statusCode());
                }
                if (i >= 20) {
                    times.add(ms);
                }
            }
            var l = new Bench.Latencies(times);
            String key = "portal." + page.getValue().replaceAll("[^a-z0-9]+", "_");
            bench.figures.put(key + ".p50Ms", l.p(0.5));
            bench.figures.put(key + ".p95Ms", l.p(0.95));
            bench.rows.add(new Bench.Row("portal: " + page.getKey() + " at " + cases + " cases",
                    String.format("p50 %.1f ms, p95 %.1f ms", l.p(0.5), l.p(0.95)), "p95 <= 150 ms", l.p(0.95) <= 150));
        }
    }

    /** Submits reports to pod until the owner's projects hold 10,000 cases; returns how many they hold. */
    private long seed(String token) throws Exception {
        long have = total(token);
        int missing = (int) Math.max(0, CASES - have);
        if (missing > 0) {
            var left = new AtomicInteger(missing);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 16; w++) {
                    pool.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            bench.submit(Bench.randomClient(), "portal-seed");
                        }
                        return null;
                    });
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while ((have = total(token)) < CASES && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
        }
        return total(token);
    }

    private long total(String token) throws IOException, InterruptedException {
        JsonNode counts = Bench.JSON.readTree(get(triage + "/api/v1/cases/counts", token));
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    private String firstTrackingId(String token) throws IOException, InterruptedException {
        return Bench.JSON.readTree(get(triage + "/api/v1/cases?size=1&sort=deadline", token)).get(0).get("trackingId")
                .asText();
    }

    private String get(String url, String token) throws IOException, InterruptedException {
        return bench.http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A cookie jar that, like a browser, counts http://localhost as a secure context: Keycloak marks its login cookies
     * Secure, and the JDK's jar would otherwise never send them back over http.
     */
    private static CookieManager localhostCookies() {
        var store = new CookieManager().getCookieStore();
        var jar = new java.net.CookieStore() {
            @Override
            public void add(URI uri, java.net.HttpCookie cookie) {
                cookie.setSecure(false);
                store.add(uri, cookie);
            }

            @Override
            public List<java.net.HttpCookie> get(URI uri) {
                return store.get(uri);
            }

            @Override
            public List<java.net.HttpCookie> getCookies() {
                return store.getCookies();
            }

            @Override
            public List<URI> getURIs() {
                return store.getURIs();
            }

            @Override
            public boolean remove(URI uri, java.net.HttpCookie cookie) {
                return store.remove(uri, cookie);
            }

            @Override
            public boolean removeAll() {
                return store.removeAll();
            }
        };
        return new CookieManager(jar, java.net.CookiePolicy.ACCEPT_ALL);
    }

    /** Keycloak's login form, filled in as a browser would: the portal then holds the session in its cookie. */
    private void signIn(HttpClient browser, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(portal + "/cases")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
                .matcher(login.body());
        if (!action.find()) {
            throw new IllegalStateException("no Keycloak login form at " + login.uri());
        }
        String target = action.group(1).replace("&amp;", "&");
        HttpResponse<String> back = browser.send(
                HttpRequest.newBuilder(URI.create(target)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=demo-owner&password="
                                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId="))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (back.statusCode() != 200 || !back.uri().toString().startsWith(portal + "/cases")) {
            throw new IllegalStateException("sign-in ended at " + back.uri() + " with " + back.statusCode());
        }
    }
}
