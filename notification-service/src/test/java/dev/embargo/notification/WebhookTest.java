package dev.embargo.notification;

import static dev.embargo.notification.Fixtures.awaitProject;
import static dev.embargo.notification.Fixtures.email;
import static dev.embargo.notification.Fixtures.member;
import static dev.embargo.notification.Fixtures.slug;
import static dev.embargo.notification.Fixtures.trackingId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.embargo.events.CaseTriaged;
import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.Severity;
import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaMilestone;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class WebhookTest {

    record Project(String slug, String maintainer, String token) {
    }

    Project project() {
        String slug = slug();
        String maintainer = "maint-" + slug;
        member(slug, maintainer, Role.MAINTAINER, email("maint"));
        awaitProject(slug, 1, false);
        return new Project(slug, maintainer, Tokens.of(maintainer));
    }

    ExtractableResponse<Response> register(Project p, String url, String... types) {
        String body = "{\"url\":\"" + url + "\",\"eventTypes\":[\"" + String.join("\",\"", types) + "\"]}";
        return given().auth().oauth2(p.token()).contentType("application/json").body(body).when()
                .post("/api/v1/projects/" + p.slug() + "/webhooks").then().extract();
    }

    @Test
    void showsTheSecretOnceThenOnlyItsFingerprint() {
        Project p = project();
        var created = register(p, WebhookReceiver.url("/once-" + p.slug()), "case.triaged");
        assertThat(created.statusCode(), is(201));
        String secret = created.path("secret");
        assertThat(secret, startsWith("whsec_"));
        String id = created.path("id");
        String listed = given().auth().oauth2(p.token()).when().get("/api/v1/projects/" + p.slug() + "/webhooks").then()
                .statusCode(200).body("[0].id", equalTo(id)).body("[0].secret", nullValue())
                .body("[0].secretFingerprint", startsWith("whsec_…")).extract().asString();
        assertThat(listed, not(containsString(secret.substring(6))));
        // Nobody outside the project sees it, exactly as if it did not exist.
        given().auth().oauth2(Tokens.of("stranger-" + p.slug())).when()
                .get("/api/v1/projects/" + p.slug() + "/webhooks/" + id).then().statusCode(404)
                .body("type", equalTo("urn:embargo:problem:not-found"));
        given().auth().oauth2(Tokens.of("stranger-" + p.slug())).contentType("application/json")
                .body("{\"url\":\"https://hooks.example.org/x\",\"eventTypes\":[\"case.triaged\"]}").when()
                .post("/api/v1/projects/" + p.slug() + "/webhooks").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1/hook", "http://[::1]/hook", "http://169.254.169.254/latest/meta-data",
            "http://0x7f.1/hook", "http://2130706433/hook", "http://localhost/hook", "http://10.1.2.3/hook",
            "http://[fd00:ec2::254]/hook", "http://0.0.0.0/hook", "http://127.0.0.1:1/other-port",
            "ftp://hooks.example.org/x", "http://user@hooks.example.org/x" })
    void refusesUnsafeTargetsWithoutEchoingThem(String url) {
        Project p = project();
        var refused = register(p, url, "case.triaged");
        assertThat(refused.statusCode(), is(400));
        assertThat(refused.contentType(), startsWith("application/problem+json"));
        assertThat(refused.path("type"), equalTo("urn:embargo:problem:webhook-target-refused"));
        assertThat(refused.asString(), not(containsString(url)));
    }

    @Test
    void refusesAHostNameResolvingToLoopbackEvenOnTheAllowedPort() {
        Project p = project();
        var refused = register(p, "http://localhost:" + WebhookReceiver.port() + "/hook", "case.triaged");
        assertThat(refused.statusCode(), is(400));
        assertThat(refused.path("reason"), equalTo("target-not-allowed"));
    }

    @Test
    void aNameThatDoesNotResolveAndANameOfAnInternalHostAreRefusedAlike() {
        Project p = project();
        var internal = register(p, "http://localhost/hook", "case.triaged");
        var missing = register(p, "http://no-such-host.invalid/hook", "case.triaged");
        var literal = register(p, "http://10.1.2.3/hook", "case.triaged");
        assertThat(missing.statusCode(), is(400));
        assertThat(internal.asString(), equalTo(missing.asString()));
        assertThat(literal.asString(), equalTo(missing.asString()));
        assertThat(missing.asString(), not(containsString("resolv")));
    }

    @Test
    void deliversSignedWebhookExactlyOnceAfterTheReceiverComesBack() throws Exception {
        WebhookReceiver.stop();
        Project p = project();
        String path = "/down-up-" + p.slug();
        var created = register(p, WebhookReceiver.url(path), "case.triaged");
        assertThat(created.statusCode(), is(201));
        String secret = created.path("secret");
        String tracking = trackingId(p.slug());
        String caseId = UUID.randomUUID().toString();
        TestEvents.publish(new CaseTriaged(caseId, tracking, List.of(p.slug()), Instant.now(), "m", Severity.LOW, 2.0));
        // Receiver down: attempts fail and are retried with backoff.
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.count(
                "SELECT coalesce(max(attempts), 0) FROM notification.delivery WHERE tracking_id = ? AND channel = 'WEBHOOK'",
                tracking) >= 2);
        WebhookReceiver.start();
        await().atMost(Fixtures.WAIT)
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery WHERE tracking_id = ? AND status = 'SENT'",
                        tracking) == 1);
        TestEvents.pause(Duration.ofSeconds(2));
        var received = WebhookReceiver.at(path);
        assertThat(received, hasSize(1));
        var call = received.get(0);
        String id = call.header("webhook-id");
        String timestamp = call.header("webhook-timestamp");
        assertThat(id, notNullValue());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(call.header("webhook-signature"), equalTo(expected));
        assertThat(call.body(), containsString(tracking));
        assertThat(call.body(), containsString("\"type\":\"case.triaged\""));
        given().auth().oauth2(p.token()).when().get("/api/v1/projects/" + p.slug() + "/deliveries").then()
                .statusCode(200).body("find { it.channel == 'WEBHOOK' }.status", equalTo("SENT"))
                .body("find { it.channel == 'WEBHOOK' }.attempts", greaterThanOrEqualTo(3));
    }

    @Test
    void neverFollowsARedirectToLoopbackAndMarksTheEndpointFailingAfterTheLastAttempt() {
        WebhookReceiver.start();
        Project p = project();
        String path = "/redirect-" + p.slug();
        String id = register(p, WebhookReceiver.url(path), "sla.breached").path("id");
        String tracking = trackingId(p.slug());
        String caseId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        TestEvents.publish(new SlaBreached("b-" + caseId, caseId, tracking, p.slug(), SlaMilestone.FIX, now, now));
        await().atMost(Fixtures.WAIT)
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery WHERE tracking_id = ? AND status = 'FAILED'",
                        tracking) == 1);
        assertThat(WebhookReceiver.at(path).size(), is(6));
        assertThat(WebhookReceiver.at("/landing"), hasSize(0));
        given().auth().oauth2(p.token()).when().get("/api/v1/projects/" + p.slug() + "/webhooks/" + id).then()
                .statusCode(200).body("status", equalTo("FAILING"));
        given().auth().oauth2(p.token()).when().get("/api/v1/projects/" + p.slug() + "/deliveries").then()
                .statusCode(200).body("find { it.channel == 'WEBHOOK' }.lastError", equalTo("redirect-not-followed"));
    }

    @Test
    void aSlowEndpointDoesNotDelayAnother() {
        WebhookReceiver.start();
        Project p = project();
        String slow = "/slow-" + p.slug();
        String fast = "/fast-" + p.slug();
        assertThat(register(p, WebhookReceiver.url(slow), "case.triaged").statusCode(), is(201));
        assertThat(register(p, WebhookReceiver.url(fast), "case.triaged").statusCode(), is(201));
        String tracking = trackingId(p.slug());
        TestEvents.publish(new CaseTriaged(UUID.randomUUID().toString(), tracking, List.of(p.slug()), Instant.now(),
                "m", Severity.LOW, null));
        await().atMost(Fixtures.WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Fixtures
                        .count("SELECT count(*) FROM notification.delivery WHERE tracking_id = ? AND status = 'SENT'"
                                + " AND channel = 'WEBHOOK'", tracking) == 1);
        // At that moment the slow call is still in flight (its first attempt is not over): nothing waited for it.
        assertThat(Fixtures.count("SELECT coalesce(sum(attempts), 0) FROM notification.delivery WHERE tracking_id = ?"
                + " AND status <> 'SENT' AND channel = 'WEBHOOK'", tracking), is(0L));
        // The slow receiver holds its call (8 s, past the 3 s timeout): it was called, yet never counts as delivered,
        // and the fast one was delivered regardless.
        assertThat(WebhookReceiver.at(fast), hasSize(1));
        await().atMost(Fixtures.WAIT).until(() -> !WebhookReceiver.at(slow).isEmpty());
        assertThat(
                Fixtures.count("SELECT count(*) FROM notification.delivery WHERE tracking_id = ? AND status <> 'SENT'"
                        + " AND channel = 'WEBHOOK'", tracking),
                is(1L));
    }

    @Test
    void refusesUnknownEventTypes() {
        Project p = project();
        var refused = register(p, WebhookReceiver.url("/x"), "project.registered");
        assertThat(refused.statusCode(), is(400));
        assertThat(refused.path("type"), equalTo("urn:embargo:problem:unknown-event-type"));
        // The refusal lists what a webhook may subscribe to: the catalog's case, deadline and new-report types.
        assertThat(refused.path("allowed"), equalTo(List.copyOf(dev.embargo.events.EventType.webhookTypes())));
        for (String never : List.of("credit.granted", "project.membership-changed", "case.triaged.v1")) {
            assertThat(never, register(p, WebhookReceiver.url("/x"), never).statusCode(), is(400));
        }
        assertThat(register(p, WebhookReceiver.url("/x"), "report.submitted", "sla.warning").statusCode(), is(201));
    }
}
