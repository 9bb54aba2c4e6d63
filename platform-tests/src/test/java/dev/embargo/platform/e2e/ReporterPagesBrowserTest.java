package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.browser.TestBrowser;
import io.restassured.http.ContentType;

/**
 * The reporter's pages in a real headless Chromium: a project's page and form built from its policy, the gate's refusal
 * next to the field, the token shown once, the status page opened with tracking id and token, replying and accepting
 * the maintainers' date, the published case with the credit; a second reporter's token opens nothing; a signed-in
 * reporter's "my reports".
 */
class ReporterPagesBrowserTest {

    static Portal portal;

    @BeforeAll
    static void platform() {
        portal = new Portal(Platform.get());
    }

    @Test
    void anonymousReporterFromTheFormToThePublishedCase() {
        String title = "Open redirect in the login page " + UUID.randomUUID();
        try (TestBrowser browser = TestBrowser.start()) {
            // OpenPanel agrees the disclosure date with the reporter (its policy says so).
            portal.open(browser, "/p/openpanel");
            Portal.axe(browser, "project page");
            portal.screenshot(browser, "project-page");
            fill(browser, title, true);
            Portal.type(browser, "f-cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L");
            Portal.submit(browser, Portal.button("Send the report"));
            // The gate refuses a vector it cannot score: its answer, next to that field, the rest kept.
            assertThat(Portal.byId(browser, "e-cvssVector").getText()).isNotBlank();
            assertThat(Portal.byId(browser, "f-title").getAttribute("value")).isEqualTo(title);
            Portal.axe(browser, "form with a refusal");
            portal.screenshot(browser, "report-form-refused");
            Portal.type(browser, "f-cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
            Portal.submit(browser, Portal.button("Send the report"));
            assertThat(Portal.h1(browser)).startsWith("Report sent");
            String trackingId = Portal.text(browser, "tracking-id");
            String token = Portal.byId(browser, "report-token").getAttribute("value");
            assertThat(token).hasSizeGreaterThanOrEqualTo(32);
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(token);
            Portal.axe(browser, "report sent");
            browser.driver().findElement(By.linkText("Open the status page")).click();
            browser.await().until(ExpectedConditions.presenceOfElementLocated(By.id("open-token")));
            assertEquals(trackingId, Portal.byId(browser, "open-tracking").getAttribute("value"));
            Portal.type(browser, "open-token", token);
            Portal.submit(browser, Portal.button("Open the status page"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/reporter/case").doesNotContain(token);
            assertThat(Portal.byId(browser, "deadlines").getText()).contains("Acknowledgement");
            Portal.axe(browser, "status page");
            portal.screenshot(browser, "reporter-status");

            String reply = "Here is a second redirect target " + UUID.randomUUID();
            Portal.type(browser, "reply-text", reply);
            Portal.submit(browser, Portal.button("Send reply"));
            assertThat(browser.driver().findElement(By.cssSelector(".timeline")).getText()).contains(reply);

            // The maintainers' side, through the API: acknowledged, triaged, fixed, a date proposed.
            String caseId = portal.caseId(PortalRealm.OWNER, trackingId);
            var m = PortalRealm.OWNER;
            long v = version(portal.transition(m, caseId, Map.of("action", "ACKNOWLEDGE")));
            v = version(portal.transition(m, caseId, Map.of("action", "TRIAGE", "cvssVector",
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "version", v)));
            portal.transition(m, caseId, Map.of("action", "MARK_FIXED", "version", v));
            portal.projectFixed(m, caseId, "openpanel");
            portal.propose(m, caseId, LocalDate.now(ZoneOffset.UTC).toString());

            portal.open(browser, "/reporter/case");
            assertThat(Portal.byId(browser, "disclosure").getText()).startsWith("Proposed by the maintainers");
            Portal.submit(browser, Portal.button("Accept this date"));
            assertThat(Portal.byId(browser, "disclosure").getText()).startsWith("Agreed");
            // The date agreed is today, so the maintainers may publish (the platform's scheduler does not tick here).
            given().baseUri(portal.platform.url(Service.TRIAGE)).auth().oauth2(portal.token(m))
                    .contentType(ContentType.JSON).body(Map.of("action", "PUBLISH"))
                    .post("/api/v1/cases/{id}/transitions", caseId).then().statusCode(200);
            assertEquals("PUBLISHED", portal.caseOf(m, caseId).get("state"));

            portal.open(browser, "/reporter/case");
            assertThat(Portal.byId(browser, "report-state").getText()).isEqualTo("Published");
            assertThat(Portal.byId(browser, "credit").getText()).isEqualTo("Credited as Rita Reporter");
        }
    }

    @Test
    void aSecondReportersTokenNeverOpensTheFirstCase() {
        Portal.Submitted first = portal.submit("fim", "Report one " + UUID.randomUUID());
        Portal.Submitted second = portal.submit("fim", "Report two " + UUID.randomUUID());
        portal.caseId(PortalRealm.MAINTAINER, first.trackingId());
        portal.caseId(PortalRealm.MAINTAINER, second.trackingId());
        try (TestBrowser browser = TestBrowser.start()) {
            portal.open(browser, "/reporter");
            Portal.type(browser, "open-tracking", first.trackingId());
            Portal.type(browser, "open-token", second.token());
            Portal.submit(browser, Portal.button("Open the status page"));
            String wrongToken = Portal.byId(browser, "open-refused").getText();
            Portal.type(browser, "open-tracking", "FIM-1999-9999");
            Portal.type(browser, "open-token", second.token());
            Portal.submit(browser, Portal.button("Open the status page"));
            assertEquals(wrongToken, Portal.byId(browser, "open-refused").getText());
            // Without a session the status page only asks for one.
            portal.open(browser, "/reporter/case");
            assertThat(Portal.h1(browser)).isEqualTo("Follow a report");
            // The right token opens its own case, and only that one.
            Portal.type(browser, "open-tracking", second.trackingId());
            Portal.type(browser, "open-token", second.token());
            Portal.submit(browser, Portal.button("Open the status page"));
            assertThat(Portal.h1(browser)).contains(second.trackingId()).doesNotContain(first.trackingId());
        }
    }

    @Test
    void fimsFormRefusesAReportWithoutTheImpactItsPolicyRequires() {
        try (TestBrowser browser = TestBrowser.start()) {
            portal.open(browser, "/p/fim");
            fill(browser, "Missing impact " + UUID.randomUUID(), false);
            Portal.submit(browser, Portal.button("Send the report"));
            assertThat(Portal.byId(browser, "e-impact").getText()).isEqualTo("Required by this project's policy.");
            assertThat(Portal.byId(browser, "f-impact").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(Portal.byId(browser, "f-versionTested").getAttribute("value")).isEqualTo("latest");
        }
    }

    @Test
    void aSignedInReporterSeesBothOfTheirReportsUnderMyReports() {
        try (TestBrowser browser = TestBrowser.start()) {
            portal.signIn(browser, PortalRealm.REPORTER, "/me/reports");
            String[] ids = new String[2];
            for (int i = 0; i < 2; i++) {
                portal.open(browser, "/p/fim");
                fill(browser, "Signed-in report " + i + " " + UUID.randomUUID(), true);
                Portal.submit(browser, Portal.button("Send the report"));
                ids[i] = Portal.text(browser, "tracking-id");
            }
            for (String id : ids) {
                portal.caseId(PortalRealm.MAINTAINER, id);
            }
            portal.open(browser, "/me/reports");
            String mine = browser.driver().findElement(By.tagName("main")).getText();
            assertThat(mine).contains(ids[0], ids[1]);
            Portal.axe(browser, "my reports");
        }
    }

    private static void fill(TestBrowser browser, String title, boolean withImpact) {
        Portal.type(browser, "f-title", title);
        Portal.type(browser, "f-versionTested", "latest");
        Portal.type(browser, "f-description", "The login page redirects to any URL given in the next parameter,"
                + " without checking that it stays on the site.");
        if (withImpact) {
            Portal.type(browser, "f-impact", "Phishing from a trusted link.");
        }
        Portal.type(browser, "f-stepsToReproduce", "1. Open /login?next=https://evil.example 2. Sign in 3. Observe.");
        browser.driver().findElement(By.cssSelector("label[for='credit-PUBLIC']")).click();
        Portal.type(browser, "f-creditName", "Rita Reporter");
    }

    private static long version(Map<String, Object> c) {
        return ((Number) c.get("version")).longValue();
    }
}
