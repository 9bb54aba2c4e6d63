package dev.embargo.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.embargo.testing.browser.TestBrowser;

/**
 * The maintainer portal in a real headless Chromium against the whole platform (five services as processes, a real
 * Keycloak, PostgreSQL, Kafka): sign in on Keycloak's login page, work a report from the inbox to publication, edit a
 * policy and add a webhook as an owner, and see nothing of it as the maintainer of another project. axe-core checks
 * every page; the README's screenshots are taken here.
 */
class MaintainerPortalBrowserTest {

    static Portal portal;

    @BeforeAll
    static void platform() {
        portal = new Portal(Platform.get());
    }

    @Test
    void maintainerWorksANewReportFromTheInboxToPublication() {
        String title = "Path traversal in upload " + UUID.randomUUID();
        Portal.Submitted report = portal.submit("fim", title);
        String caseId = portal.caseId(PortalRealm.MAINTAINER, report.trackingId());
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.MAINTAINER, "/cases?state=NEW");
            assertThat(Portal.h1(browser)).isEqualTo("Inbox");
            Portal.axe(browser, "inbox");
            // Find it by its tracking id, as a maintainer with a mail in hand would.
            Portal.type(browser, "q", report.trackingId());
            Portal.submit(browser, Portal.button("Filter"));
            browser.driver().findElement(By.linkText(report.trackingId())).click();
            browser.await().until(ExpectedConditions.titleContains(report.trackingId()));
            assertThat(Portal.h1(browser)).contains(title);
            Portal.axe(browser, "case (new)");

            Portal.submit(browser, Portal.button("Acknowledge"));
            assertThat(stateBadge(browser)).isEqualTo("acknowledged");

            // Triage with a vector picked in the editor: the score shows as the metrics are chosen.
            for (String choice : new String[] { "AV-N", "AC-L", "PR-N", "UI-N", "S-U", "C-H", "I-H", "A-N" }) {
                browser.driver().findElement(By.cssSelector("label[for='m-" + choice + "']")).click();
            }
            browser.await().until(ExpectedConditions
                    .textToBePresentInElementLocated(By.cssSelector("[data-cvss-score]"), "Score 9.1 (critical)"));
            portal.screenshot(browser, "cvss-editor");
            Portal.type(browser, "cwe", "CWE-22");
            Portal.submit(browser, Portal.button("Save and triage"));
            assertThat(stateBadge(browser)).isEqualTo("triaged");
            assertThat(browser.driver().findElement(By.cssSelector(".badges")).getText()).contains("critical 9.1");

            // A reply the reporter sees, an internal note they do not.
            String reply = "Thanks, we reproduced it " + UUID.randomUUID();
            String note = "Internal: the fix touches the storage layer " + UUID.randomUUID();
            Portal.type(browser, "message-text", reply);
            Portal.submit(browser, Portal.button("Post"));
            Portal.type(browser, "message-text", note);
            browser.driver().findElement(By.cssSelector("label[for='vis-internal']")).click();
            Portal.submit(browser, Portal.button("Post"));
            assertThat(browser.driver().findElement(By.cssSelector(".timeline")).getText()).contains(reply, note);
            var thread = portal.reporterThread(report);
            assertThat(thread).extracting(m -> (String) m.get("text")).contains(reply).doesNotContain(note);

            // A second affected project, which agrees to the date and is fixed too.
            new org.openqa.selenium.support.ui.Select(Portal.byId(browser, "add-project")).selectByValue("open-webui");
            Portal.submit(browser, Portal.button("Add project"));
            assertThat(browser.driver().findElement(By.id("projects-h")).findElement(By.xpath("..")).getText())
                    .contains("open-webui");

            Portal.submit(browser, Portal.button("Mark fixed"));
            assertThat(stateBadge(browser)).isEqualTo("fixed");
            for (String slug : new String[] { "fim", "open-webui" }) {
                new org.openqa.selenium.support.ui.Select(Portal.byId(browser, "status-" + slug))
                        .selectByValue("FIXED");
                Portal.type(browser, "fixed-" + slug, "2.4.1");
                browser.driver().findElement(By.cssSelector("form[action$='/projects/" + slug + "'] button")).click();
                browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("projects-h")));
            }

            // Agree a date: FIM One's policy does not ask the reporter, so the date proposed is the date agreed; the
            // partner project agrees to it.
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.getElementById('disclosure-date').value = arguments[0]", today);
            Portal.type(browser, "disclosure-zone", "UTC");
            Portal.submit(browser, Portal.button("Propose this date"));
            assertThat(browser.driver().findElement(By.id("disclosure-h")).findElement(By.xpath("..")).getText())
                    .contains("agreed");
            Portal.submit(browser, By.cssSelector("form[action$='/projects/open-webui/stance'] button[value=AGREE]"));
            portal.screenshot(browser, "case");
            Portal.axe(browser, "case (fixed, date agreed)");

            Portal.submit(browser, Portal.button("Publish"));
            assertThat(stateBadge(browser)).isEqualTo("published");
            assertEquals("PUBLISHED", portal.caseOf(PortalRealm.MAINTAINER, caseId).get("state"));
        }
    }

    @Test
    void theInboxListsNewReportsWithACountPerStateAndFiltersByState() {
        Portal.Submitted report = portal.submit("fim", "Stored XSS in the project title " + UUID.randomUUID());
        portal.caseId(PortalRealm.MAINTAINER, report.trackingId());
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.MAINTAINER, "/cases");
            String main = browser.driver().findElement(By.tagName("main")).getText();
            assertThat(main).contains(report.trackingId());
            // The NEW tab counts at least this report; the CLOSED tab lists none of the new ones.
            String newTab = browser.driver().findElement(By.cssSelector(".tabs a[href*='state=NEW'] .count")).getText();
            assertThat(Integer.parseInt(newTab)).isPositive();
            portal.screenshot(browser, "inbox");
            portal.open(browser, "/cases?state=CLOSED");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain(report.trackingId());
        }
    }

    @Test
    void theInboxPagesShowEveryCaseOnceAcrossPageBoundaries() {
        // More new cases than one page holds (25), in a project the maintainer works on.
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            submitted.add(portal.submit("fim", "Path traversal in export " + i + " " + UUID.randomUUID()).trackingId());
        }
        submitted.forEach(trackingId -> portal.caseId(PortalRealm.MAINTAINER, trackingId));
        List<String> expected = portal.newCases(PortalRealm.MAINTAINER);
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.MAINTAINER, "/cases?state=NEW");
            List<String> shown = new ArrayList<>();
            for (int page = 0; page < 100; page++) {
                if (page > 0) {
                    portal.open(browser, "/cases?state=NEW&page=" + page);
                }
                browser.driver().findElements(By.cssSelector("table.cases tbody th a"))
                        .forEach(a -> shown.add(a.getText()));
                if (browser.driver().findElements(By.cssSelector(".pager a[rel=next]")).isEmpty()) {
                    break;
                }
            }
            // Before, each page asked triage for one case more than it shows at an offset of page × (size + 1): the
            // case at every page boundary was shown on no page.
            assertThat(shown).doesNotHaveDuplicates().containsAll(submitted).containsAll(expected);
        }
    }

    @Test
    void ownerEditsThePolicyAndAddsAWebhook() throws java.io.IOException {
        var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.OWNER, "/projects/pod");
            Portal.axe(browser, "project settings");
            String before = Portal.byId(browser, "policy-document").getAttribute("value");
            // Not JSON: the editor says where, and nothing is published.
            Portal.type(browser, "policy-document", "{ \"name\": ");
            Portal.submit(browser, Portal.button("Publish a new version"));
            assertThat(Portal.byId(browser, "policy-problem").getText()).contains("not valid JSON");
            // Valid JSON that the policy schema refuses: intake's own message, and still nothing published.
            Portal.type(browser, "policy-document", "{ \"name\": \"POD\" }");
            Portal.submit(browser, Portal.button("Publish a new version"));
            assertThat(Portal.byId(browser, "policy-problem").getText()).contains("policy schema");
            assertThat(browser.driver().findElements(By.cssSelector(".versions li"))).hasSize(1);
            Portal.axe(browser, "policy editor with a refusal");
            portal.screenshot(browser, "policy-editor");
            // A real change: a new version, and its diff names the change.
            String marker = "edited " + UUID.randomUUID().toString().substring(0, 8);
            String edited = before.replaceFirst("\"name\" : \"Pod\"", "\"name\" : \"Pod (" + marker + ")\"");
            assertThat(edited).isNotEqualTo(before);
            Portal.type(browser, "policy-document", edited);
            Portal.submit(browser, Portal.button("Publish a new version"));
            browser.driver().findElements(By.cssSelector(".versions a")).getLast().click();
            browser.await().until(ExpectedConditions.titleContains("Policy changes"));
            assertThat(browser.driver().findElement(By.cssSelector(".diff-added")).getText()).isNotBlank();
            assertThat(browser.driver().findElement(By.cssSelector("pre.diff")).getText()).contains(marker);
            Portal.axe(browser, "policy diff");

            portal.open(browser, "/projects/pod");
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + UUID.randomUUID();
            Portal.type(browser, "webhook-url", hook);
            Portal.submit(browser, Portal.button("Add webhook"));
            assertThat(Portal.h1(browser)).isEqualTo("Webhook added");
            String secret = Portal.byId(browser, "webhook-secret").getAttribute("value");
            assertThat(secret).hasSizeGreaterThan(20);
            Portal.axe(browser, "webhook added");
            portal.open(browser, "/projects/pod");
            String settings = browser.driver().getPageSource();
            assertThat(settings).contains(hook).doesNotContain(secret);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aConcurrentEditIsRefusedWithAReloadInsteadOfBeingLost() {
        Portal.Submitted report = portal.submit("fim", "Race in the session store " + UUID.randomUUID());
        String caseId = portal.caseId(PortalRealm.MAINTAINER, report.trackingId());
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.MAINTAINER, "/cases");
            portal.open(browser, "/cases/" + report.trackingId());
            // Someone else acknowledges the case while this page is open.
            portal.transition(PortalRealm.OWNER, caseId, java.util.Map.of("action", "ACKNOWLEDGE"));
            Portal.type(browser, "cwe", "CWE-362");
            Portal.submit(browser, Portal.button("Save severity"));
            assertThat(Portal.h1(browser)).isEqualTo("Changed since you opened it");
            Portal.axe(browser, "concurrent edit");
            assertThat(browser.driver().findElement(By.id("reload")).getAttribute("href"))
                    .endsWith("/cases/" + report.trackingId());
            browser.driver().findElement(By.id("reload")).click();
            browser.await().until(ExpectedConditions.titleContains(report.trackingId()));
            assertThat(stateBadge(browser)).isEqualTo("acknowledged");
            assertThat((java.util.List<?>) portal.caseOf(PortalRealm.MAINTAINER, caseId).get("cweIds")).isEmpty();
        }
    }

    @Test
    void aMaintainerOfAnotherProjectSeesNoneOfIt() {
        Portal.Submitted report = portal.submit("fim", "SSRF in the avatar fetcher " + UUID.randomUUID());
        portal.caseId(PortalRealm.MAINTAINER, report.trackingId());
        portal.addMember(PortalRealm.OWNER, "panelorca", PortalRealm.OTHER_MAINTAINER);
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.OTHER_MAINTAINER, "/cases");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain(report.trackingId());
            Portal.type(browser, "q", report.trackingId());
            Portal.submit(browser, Portal.button("Filter"));
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("No cases match");

            int status = portal.status(browser, "/cases/" + report.trackingId());
            String page = browser.driver().findElement(By.tagName("main")).getText();
            int missingStatus = portal.status(browser, "/cases/FIM-1999-9999");
            String missing = browser.driver().findElement(By.tagName("main")).getText();
            assertEquals(404, status);
            assertEquals(missingStatus, status);
            assertEquals(missing, page);
            Portal.axe(browser, "not found");
            assertEquals(404, portal.status(browser, "/cases/" + report.trackingId() + "/advisory/osv"));
            assertEquals(404, portal.status(browser, "/projects/fim"));
        }
    }

    @Test
    void adminAndPreferencePagesAndTheSessionCookie() {
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.ADMIN, "/admin");
            assertThat(Portal.h1(browser)).isEqualTo("Platform admin");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("fim", "openpanel");
            Portal.axe(browser, "platform admin");
            // The session is an HttpOnly cookie; no token is readable by scripts or in the address bar.
            var cookies = browser.driver().manage().getCookies();
            assertThat(cookies).isNotEmpty();
            assertThat(cookies).filteredOn(c -> c.getName().startsWith("q_session")).isNotEmpty()
                    .allMatch(org.openqa.selenium.Cookie::isHttpOnly);
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=").doesNotContain("token");
            portal.open(browser, "/me/preferences");
            assertThat(Portal.h1(browser)).isEqualTo("Notifications");
            Portal.axe(browser, "notification preferences");
        }
        try (TestBrowser browser = TestBrowser.start()) {
            // A maintainer is no platform admin: the admin page answers like a missing one.
            portal.signIn(browser, PortalRealm.MAINTAINER, "/cases");
            assertThat(portal.status(browser, "/admin")).isIn(403, 404);
        }
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] { "/", "/p", "/p/fim", "/reporter", "/reporter/cases/FIM-2026-0001",
                "/cases/FIM-1999-0001" }) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var h = r.headers();
            String csp = h.firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(h.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(h.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(h.firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(r.body()).as(path).doesNotContain("<script>");
        }
        // A form posted without its CSRF token changes nothing: 403.
        var post = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url + "/p/fim"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("title=forged")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode());
    }

    private static String stateBadge(TestBrowser browser) {
        return browser.driver().findElement(By.cssSelector(".badges .state")).getText();
    }
}
