package dev.embargo.notification;

import static dev.embargo.notification.Fixtures.awaitMail;
import static dev.embargo.notification.Fixtures.awaitProject;
import static dev.embargo.notification.Fixtures.email;
import static dev.embargo.notification.Fixtures.mailTo;
import static dev.embargo.notification.Fixtures.member;
import static dev.embargo.notification.Fixtures.policy;
import static dev.embargo.notification.Fixtures.readable;
import static dev.embargo.notification.Fixtures.report;
import static dev.embargo.notification.Fixtures.slug;
import static dev.embargo.notification.Fixtures.trackingId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.CasePublished;
import dev.embargo.events.CaseTriaged;
import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.Severity;
import dev.embargo.events.Topics;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.headsup.HeadsUps;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.TestKafka;
import dev.embargo.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HeadsUpAndDeliveryLogTest {

    @Inject
    Ciphers ciphers;
    @Inject
    HeadsUps headsUps;
    @Inject
    Deliveries deliveries;

    record Project(String slug, String ownerToken, String maintainerToken) {
    }

    Project project() {
        String slug = slug();
        member(slug, "owner-" + slug, Role.OWNER, email("owner"));
        member(slug, "maint-" + slug, Role.MAINTAINER, email("maint"));
        policy(slug, false, 5);
        awaitProject(slug, 2, true);
        return new Project(slug, Tokens.of("owner-" + slug), Tokens.of("maint-" + slug));
    }

    @Test
    void subscribersGetTheEmbargoedHeadsUpOnceWhenDueAndTheAdvisoryOnPublication() {
        Project p = project();
        String subscriber = email("distro");
        given().auth().oauth2(p.ownerToken()).contentType("application/json")
                .body("{\"email\":\"" + subscriber + "\",\"name\":\"Distro\"}").when()
                .post("/api/v1/projects/" + p.slug() + "/heads-up-subscribers").then().statusCode(201);
        // Maintainers may see subscribers but not add them.
        given().auth().oauth2(p.maintainerToken()).contentType("application/json")
                .body("{\"email\":\"" + email("x") + "\"}").when()
                .post("/api/v1/projects/" + p.slug() + "/heads-up-subscribers").then().statusCode(403);
        given().auth().oauth2(p.maintainerToken()).when().get("/api/v1/projects/" + p.slug() + "/heads-up-subscribers")
                .then().statusCode(200).body("email", hasItem(subscriber));

        String caseId = UUID.randomUUID().toString();
        String tracking = trackingId(p.slug());
        LocalDate disclosure = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        String eventId = TestEvents.publish(
                new CaseDisclosureScheduled(caseId, tracking, List.of(p.slug()), Instant.now(), "m", disclosure, null));
        await().atMost(Fixtures.WAIT).until(
                () -> Fixtures.count("SELECT count(*) FROM notification.inbox" + " WHERE event_id = ?", eventId) == 1);

        Instant justBefore = disclosure.minusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        headsUps.releaseDue(justBefore);
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE tracking_id = ?"
                + " AND recipient LIKE 'subscriber:%'", tracking), is(0L));
        Instant due = justBefore.plusSeconds(1);
        headsUps.releaseDue(due);
        headsUps.releaseDue(due.plusSeconds(60));
        var mails = awaitMail(subscriber, 1);
        String text = readable(mails.get(0));
        assertThat(text, containsString("EMBARGOED"));
        assertThat(text, containsString(disclosure.toString()));
        assertThat(text, containsString(tracking));

        var advisory = JsonNodeFactory.instance.objectNode().put("id", "x_EMB-" + tracking).put("summary",
                "Upgrade to 2.0");
        TestEvents.publish(new CasePublished(caseId, tracking, List.of(p.slug()), Instant.now(), Severity.HIGH, 8.0,
                null, advisory, List.of()));
        var all = awaitMail(subscriber, 2);
        TestEvents.pause(Duration.ofSeconds(1));
        assertThat(mailTo(subscriber), hasSize(2));
        assertThat(all.stream().map(Fixtures::readable).toList(), hasItem(containsString("x_EMB-" + tracking)));
    }

    @Test
    void refusesHeaderInjectionInSubscriberAddressesWithProblemJson() {
        Project p = project();
        String injected = "a@example.org\\r\\nBcc: victim@example.org";
        given().auth().oauth2(p.ownerToken()).contentType("application/json").body("{\"email\":\"" + injected + "\"}")
                .when().post("/api/v1/projects/" + p.slug() + "/heads-up-subscribers").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:header-injection"))
                .body(not(containsString("victim")));
        given().auth().oauth2(p.ownerToken()).contentType("application/json")
                .body("{\"email\":\"ok@example.org\",\"name\":\"Evil\\nBcc: victim@example.org\"}").when()
                .post("/api/v1/projects/" + p.slug() + "/heads-up-subscribers").then().statusCode(400)
                .body("type", equalTo("urn:embargo:problem:header-injection")).body(not(containsString("victim")));
    }

    @Test
    void theDeliveryLogOfAMultiProjectCaseIsFiledPerProject() {
        Project lead = project();
        Project partner = project();
        String reporter = email("reporter");
        String tracking = trackingId(lead.slug());
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), lead.slug(), tracking, reporter, "t"));
        awaitMail(reporter, 1);
        String caseId = UUID.randomUUID().toString();
        // A status change and a reporter's message reach the reporter and every member of both projects.
        TestEvents.publish(new CaseMessagePosted(caseId, tracking, List.of(lead.slug(), partner.slug()), Instant.now(),
                "m1", CaseMessagePosted.Visibility.REPORTER, CaseMessagePosted.AuthorKind.REPORTER, null));
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.count(
                "SELECT count(*) FROM notification.delivery WHERE tracking_id = ? AND event_type = 'case.message-posted'"
                        + " AND status = 'SENT'",
                tracking) == 4);
        given().auth().oauth2(lead.maintainerToken()).get("/api/v1/projects/" + lead.slug() + "/deliveries").then()
                .statusCode(200).body("findAll { it.eventType == 'case.message-posted' }.recipient",
                        containsInAnyOrder("member:owner-" + lead.slug(), "member:maint-" + lead.slug()));
        given().auth().oauth2(partner.maintainerToken()).get("/api/v1/projects/" + partner.slug() + "/deliveries")
                .then().statusCode(200).body("recipient",
                        containsInAnyOrder("member:owner-" + partner.slug(), "member:maint-" + partner.slug()));
    }

    @Test
    void deliveryLogShowsMembersWhatWentToWhomWithoutAddresses() {
        Project p = project();
        String reporter = email("reporter");
        String tracking = trackingId(p.slug());
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), p.slug(), tracking, reporter, "t"));
        awaitMail(reporter, 1);
        await().atMost(Fixtures.WAIT)
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery" + " WHERE tracking_id = ? AND status = 'SENT'",
                        tracking) == 3);
        String body = given().auth().oauth2(p.maintainerToken()).when()
                .get("/api/v1/projects/" + p.slug() + "/deliveries").then().statusCode(200)
                .body("recipient",
                        containsInAnyOrder("reporter", "member:owner-" + p.slug(), "member:maint-" + p.slug()))
                .body("status", containsInAnyOrder("SENT", "SENT", "SENT"))
                .body("[0].eventType", equalTo("report.submitted")).extract().asString();
        assertThat(body, not(containsString("@")));
        // A removed member loses access at once; a stranger sees the same 404 as for a project that does not exist.
        Fixtures.removeMember(p.slug(), "maint-" + p.slug(), Role.MAINTAINER);
        awaitProject(p.slug(), 1, true);
        given().auth().oauth2(p.maintainerToken()).when().get("/api/v1/projects/" + p.slug() + "/deliveries").then()
                .statusCode(404).body("type", equalTo("urn:embargo:problem:not-found"));
        given().when().get("/api/v1/projects/" + p.slug() + "/deliveries").then().statusCode(401);
    }

    @Test
    void oneDeliveryPerEventRecipientAndChannelWhateverIsQueuedTwice() {
        var about = new Deliveries.About(UUID.randomUUID().toString(), "case.triaged", slug(), null);
        var mail = new MailRenderer.Rendered("s", "t", "h");
        boolean first = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.enqueueEmail(about, "reporter", "a@example.org", mail));
        boolean second = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.enqueueEmail(about, "reporter", "a@example.org", mail));
        assertThat(first, is(true));
        assertThat(second, is(false));
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE event_id = ?", about.eventId()),
                is(1L));
    }

    @Test
    void aRolledBackTransactionQueuesNothing() {
        var about = new Deliveries.About(UUID.randomUUID().toString(), "case.triaged", slug(), null);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                deliveries.enqueueEmail(about, "reporter", "a@example.org", new MailRenderer.Rendered("s", "t", "h"));
                throw new IllegalStateException("rollback");
            });
        } catch (IllegalStateException expected) {
            // the consumer's transaction failed
        }
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE event_id = ?", about.eventId()),
                is(0L));
    }

    @Test
    void poisonEventIsDeadLetteredAndTheNextEventStillFlows() {
        Project p = project();
        String poisonId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        TestEvents.publishRaw(Topics.TRIAGE_CASES, caseId, poisonId, "case.triaged.v1",
                "{\"caseId\": 42, not json".getBytes(StandardCharsets.UTF_8));
        String tracking = trackingId(p.slug());
        String nextId = TestEvents.publish(
                new CaseTriaged(caseId, tracking, List.of(p.slug()), Instant.now(), "m", Severity.MEDIUM, null));
        await().atMost(Fixtures.WAIT).until(
                () -> Fixtures.count("SELECT count(*) FROM notification.inbox" + " WHERE event_id = ?", nextId) == 1);
        assertThat(Fixtures.count("SELECT count(*) FROM notification.dead_letter WHERE event_id = ?", poisonId),
                is(1L));
        await().atMost(Fixtures.WAIT)
                .until(() -> TestKafka.readAll("notification-service.dead-letter", Duration.ofSeconds(1)).stream()
                        .anyMatch(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                                .equals(poisonId)));
    }
}
