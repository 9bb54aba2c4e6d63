package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.browser.Axe;
import dev.embargo.testing.browser.Screenshots;
import dev.embargo.testing.browser.TestBrowser;
import io.restassured.http.ContentType;

/**
 * What the browser tests do again and again: sign in through Keycloak's own login form, open portal pages, fill forms,
 * check a page with axe-core, take the README's screenshots, and the API calls that set a scene up.
 */
final class Portal {

    final Platform platform;
    final String url;
    final Path screenshots;

    Portal(Platform platform) {
        this.platform = platform;
        this.url = platform.url(Service.PORTAL);
        this.screenshots = platform.root.resolve("docs/screenshots");
    }

    /** Opens a portal page that needs a session and signs in on Keycloak's login page as the user. */
    void signIn(TestBrowser browser, String user, String path) {
        browser.open(url + path);
        WebDriver d = browser.driver();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(PortalRealm.PASSWORD);
        d.findElement(By.id("kc-login")).click();
        browser.await().until(ExpectedConditions.urlContains(url + path.replaceFirst("\\?.*", "")));
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }

    void open(TestBrowser browser, String path) {
        browser.open(url + path);
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }

    static String h1(TestBrowser browser) {
        return browser.driver().findElement(By.cssSelector("main h1")).getText();
    }

    /** The text of the element with the id, read again if chromedriver loses the node (see {@link #retried}). */
    static String text(TestBrowser browser, String id) {
        String[] text = new String[1];
        retried(() -> text[0] = byId(browser, id).getText());
        return text[0];
    }

    static WebElement byId(TestBrowser browser, String id) {
        return browser.driver().findElement(By.id(id));
    }

    static void type(TestBrowser browser, String id, String text) {
        retried(() -> {
            WebElement e = byId(browser, id);
            e.clear();
            e.sendKeys(text);
        });
    }

    /**
     * Runs a step on elements found anew each time. chromedriver now and then answers "Node with given id does not
     * belong to the document" for an element found a moment before on a page that has not changed; finding it again
     * works.
     */
    static void retried(Runnable step) {
        for (int attempt = 1;; attempt++) {
            try {
                step.run();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 3 || e.getMessage() == null
                        || !e.getMessage().contains("does not belong to the document")) {
                    throw e;
                }
            }
        }
    }

    /** Clicks a submit button and waits for the next page. */
    static void submit(TestBrowser browser, By button) {
        WebElement old = browser.driver().findElement(By.tagName("html"));
        clickable(browser, button);
        try {
            browser.await().until(d -> gone(old));
        } catch (org.openqa.selenium.TimeoutException e) {
            Platform.sleep(15_000);
            WebElement b = browser.driver().findElement(button);
            Object invalid = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return Array.from(document.querySelectorAll('form :invalid')).map(e => e.id || e.name).join(',')");
            String console;
            try {
                console = browser.driver().manage().logs().get("browser").getAll().toString();
            } catch (RuntimeException noLogs) {
                console = "(no browser log)";
            }
            Object form = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "var f = arguments[0].form; return f ? f.action + ' ' + f.method + ' valid=' + f.checkValidity()"
                            + " + ' ready=' + document.readyState : 'no form';",
                    b);
            Object at = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("var r = arguments[0].getBoundingClientRect();"
                            + " var e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                            + " return e ? e.outerHTML.substring(0, 200) : 'nothing';", b);
            throw new AssertionError("no new page after clicking " + button + " on " + browser.driver().getCurrentUrl()
                    + " (fields the browser finds invalid: " + invalid + "; element at the button's centre: " + at
                    + "; form: " + form + "; console: " + console + ")", e);
        }
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }

    /**
     * Whether the page the element belongs to has been replaced. chromedriver says so either as a stale element or, now
     * and then, as "Node with given id does not belong to the document".
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** The button, found anew, scrolled into view and clicked (see {@link #retried}). */
    private static void clickable(TestBrowser browser, By button) {
        retried(() -> {
            WebElement b = browser.driver().findElement(button);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                    b);
            b.click();
        });
    }

    static By button(String text) {
        return By.xpath("//button[normalize-space()='" + text + "']");
    }

    static void axe(TestBrowser browser, String page) {
        Axe.assertNoSeriousViolations(browser.driver(), page);
    }

    void screenshot(TestBrowser browser, String name) {
        Screenshots.take(browser.driver(), screenshots, name, TestBrowser.DESKTOP_WIDTH, TestBrowser.PHONE_WIDTH);
    }

    // ---- API calls that set a scene up (the reporter's tool, a maintainer's bot) ----

    String token(String user) {
        return platform.keycloak.passwordToken("embargo-cli", user, PortalRealm.PASSWORD);
    }

    record Submitted(String trackingId, String token) {
    }

    Submitted submit(String slug, String title) {
        var r = given().baseUri(platform.url(Service.INTAKE)).contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 200)))
                .body(Api.report(title,
                        "The upload handler joins the client-supplied file name to the storage root"
                                + " without normalising it, so ../ sequences escape the root.",
                        "rita@example.org", "Rita Reporter"))
                .post("/api/v1/projects/{slug}/reports", slug).then().statusCode(201).extract();
        return new Submitted(r.path("trackingId"), r.path("reportToken"));
    }

    /** The case id in triage, once triage has the case (the report goes there through Kafka). */
    String caseId(String user, String trackingId) {
        String token = token(user);
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Map<String, Object>> found = given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token)
                    .queryParam("trackingId", trackingId).get("/api/v1/cases").then().statusCode(200).extract()
                    .path("$");
            return found.isEmpty() ? null : (String) found.get(0).get("id");
        }, id -> id != null);
    }

    /** Tracking ids of every NEW case the user may see, in the inbox's order, from triage's API (pages of 100). */
    List<String> newCases(String user) {
        String token = token(user);
        List<String> all = new ArrayList<>();
        for (int page = 0;; page++) {
            List<String> ids = given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token)
                    .queryParam("state", "NEW").queryParam("sort", "deadline").queryParam("page", page)
                    .queryParam("size", 100).get("/api/v1/cases").then().statusCode(200).extract().path("trackingId");
            all.addAll(ids);
            if (ids.size() < 100) {
                return all;
            }
        }
    }

    Map<String, Object> transition(String user, String caseId, Map<String, Object> body) {
        return given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/cases/{id}/transitions", caseId).then().statusCode(200).extract().path("$");
    }

    Map<String, Object> caseOf(String user, String caseId) {
        return given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token(user))
                .get("/api/v1/cases/{id}", caseId).then().statusCode(200).extract().path("$");
    }

    List<Map<String, Object>> reporterThread(Submitted s) {
        return given().baseUri(platform.url(Service.TRIAGE)).header("X-Report-Token", s.token())
                .get("/api/v1/reporter/cases/{t}/messages", s.trackingId()).then().statusCode(200).extract().path("$");
    }

    /** A maintainer's bot marks the project fixed in the case. */
    void projectFixed(String user, String caseId, String slug) {
        given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("status", "FIXED", "fixedVersions", "2.4.1"))
                .put("/api/v1/cases/{id}/projects/{slug}", caseId, slug).then().statusCode(200);
    }

    /** A maintainer's bot proposes a disclosure date (start of the day, UTC). */
    void propose(String user, String caseId, String date) {
        given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("date", date, "timeZone", "UTC")).put("/api/v1/cases/{id}/disclosure", caseId).then()
                .statusCode(200);
    }

    /** An owner's bot makes the subject a maintainer of the project. */
    void addMember(String owner, String slug, String subject) {
        given().baseUri(platform.url(Service.INTAKE)).auth().oauth2(token(owner)).contentType(ContentType.JSON)
                .body(Map.of("role", "MAINTAINER", "email", subject + "@embargo.localhost"))
                .put("/api/v1/projects/{slug}/members/{subject}", slug, subject).then().statusCode(200);
    }

    /**
     * Opens the page in the browser and returns its HTTP status, read with the browser's own cookies (WebDriver does
     * not expose statuses).
     */
    int status(TestBrowser browser, String path) {
        browser.open(url + path);
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                    .header("Cookie", cookies).GET().build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
