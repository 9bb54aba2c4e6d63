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
import static dev.embargo.notification.Fixtures.subjects;
import static dev.embargo.notification.Fixtures.trackingId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.embargo.events.CaseAcknowledged;
import dev.embargo.events.CaseClosed;
import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseFixed;
import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.CaseNeedsInfo;
import dev.embargo.events.CaseProjectAdded;
import dev.embargo.events.CasePublicationOverridden;
import dev.embargo.events.CasePublished;
import dev.embargo.events.CaseReopened;
import dev.embargo.events.CaseTriaged;
import dev.embargo.events.CreditGranted;
import dev.embargo.events.CreditType;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.Severity;
import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaMilestone;
import dev.embargo.events.SlaWarning;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EmailNotificationTest {

    @Inject
    Ciphers ciphers;

    /** A project with an owner and a maintainer, its read model in place. */
    record Project(String slug, String owner, String ownerMail, String maintainer, String maintainerMail) {
    }

    Project project(boolean includeDetails) {
        String slug = slug();
        var p = new Project(slug, "owner-" + slug, email("owner"), "maint-" + slug, email("maint"));
        member(slug, p.owner(), Role.OWNER, p.ownerMail());
        member(slug, p.maintainer(), Role.MAINTAINER, p.maintainerMail());
        policy(slug, includeDetails, 7);
        awaitProject(slug, 2, true);
        return p;
    }

    @Test
    void acknowledgesReportToReporterOnceWithPromisedResponseTimesEvenWhenDeliveredTwice() {
        Project p = project(false);
        String tracking = trackingId(p.slug());
        String reporter = email("reporter");
        String reportId = UUID.randomUUID().toString();
        var submitted = report(ciphers, reportId, p.slug(), tracking, reporter, "Some title");
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(submitted, eventId);
        TestEvents.publish(submitted, eventId);
        // Same key, so the same partition: once the marker's mail is out, both copies were consumed before it.
        String marker = email("marker");
        TestEvents.publish(report(ciphers, reportId, p.slug(), tracking + "1", marker, "Marker"));
        awaitMail(marker, 1);
        await().atMost(Fixtures.WAIT)
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery WHERE event_id = ? AND status = 'SENT'",
                        eventId) == 3);

        List<MimeMessage> mails = mailTo(reporter);
        assertThat(mails, hasSize(1));
        String text = readable(mails.get(0));
        for (String expected : List.of(tracking, "report received", "72 hours", "7 business days", p.slug())) {
            assertThat(text, containsString(expected));
        }
        assertThat(subjects(p.ownerMail()).stream().filter(s -> s.contains(tracking + ":")).toList(),
                contains(endsWith("new vulnerability report")));
        assertThat(subjects(p.maintainerMail()).stream().filter(s -> s.contains(tracking + ":")).toList(), hasSize(1));
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE event_id = ?", eventId), is(3L));
    }

    @Test
    void noMailCarriesTheReportTitleByDefaultAndEachTypeReachesExactlyItsRecipients() {
        Project p = project(false);
        String outsider = email("outsider");
        String otherSlug = slug();
        member(otherSlug, "outsider-" + otherSlug, Role.OWNER, outsider);
        awaitProject(otherSlug, 1, false);
        String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "");
        String tracking = trackingId(p.slug());
        String reporter = email("reporter");
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), p.slug(), tracking, reporter, canary));
        awaitMail(reporter, 1);

        String caseId = UUID.randomUUID().toString();
        List<String> slugs = List.of(p.slug());
        Instant now = Instant.now();
        TestEvents.publish(new CaseTriaged(caseId, tracking, slugs, now, "m", Severity.HIGH, 7.5));
        TestEvents.publish(new CaseMessagePosted(caseId, tracking, slugs, now, "m1",
                CaseMessagePosted.Visibility.REPORTER, CaseMessagePosted.AuthorKind.REPORTER, null));
        TestEvents.publish(new CaseMessagePosted(caseId, tracking, slugs, now, "m2",
                CaseMessagePosted.Visibility.REPORTER, CaseMessagePosted.AuthorKind.MAINTAINER, null));
        TestEvents.publish(new CaseMessagePosted(caseId, tracking, slugs, now, "m3",
                CaseMessagePosted.Visibility.INTERNAL, CaseMessagePosted.AuthorKind.MAINTAINER, p.slug()));
        TestEvents.publish(new SlaWarning("w-" + caseId, caseId, tracking, p.slug(), SlaMilestone.ASSESS, now, now));
        TestEvents.publish(new SlaBreached("b-" + caseId, caseId, tracking, p.slug(), SlaMilestone.ASSESS, now, now));
        TestEvents.publish(
                new CaseDisclosureScheduled(caseId, tracking, slugs, now, "m", LocalDate.now().plusDays(30), 7));
        TestEvents.publish(new CaseFixed(caseId, tracking, slugs, now, "m"));
        var advisory = JsonNodeFactory.instance.objectNode().put("id", "x_EMB-1").put("summary", "Fixed in 2.0");
        TestEvents.publish(
                new CasePublished(caseId, tracking, slugs, now, Severity.HIGH, 7.5, null, advisory, List.of()));

        // reporter: received, triaged, reply, disclosure date, fixed, published
        awaitMail(reporter, 6);
        // owner: new report, reporter message, breach (escalated), disclosure scheduled; no warning
        awaitMail(p.ownerMail(), 4);
        // maintainer: new report, reporter message, warning, breach, disclosure scheduled
        awaitMail(p.maintainerMail(), 5);
        TestEvents.pause(Duration.ofSeconds(2));

        assertThat(subjects(reporter).stream().map(s -> s.replaceAll(".*" + tracking + ": ", "")).toList(),
                containsInAnyOrder("report received", "status changed", "the maintainers replied",
                        "disclosure date set", "fix shipped, please confirm", "advisory published"));
        assertThat(
                subjects(p.ownerMail()).stream().filter(s -> s.contains(tracking)).map(s -> s.replaceAll(".*: ", ""))
                        .toList(),
                containsInAnyOrder("new vulnerability report", "the reporter sent a message", "SLA deadline missed",
                        "disclosure scheduled"));
        assertThat(
                subjects(p.maintainerMail()).stream().filter(s -> s.contains(tracking))
                        .map(s -> s.replaceAll(".*: ", "")).toList(),
                containsInAnyOrder("new vulnerability report", "the reporter sent a message",
                        "SLA deadline approaching", "SLA deadline missed", "disclosure scheduled"));
        assertThat(mailTo(outsider), empty());
        int checked = 0;
        for (String address : List.of(reporter, p.ownerMail(), p.maintainerMail())) {
            for (MimeMessage m : mailTo(address)) {
                String text = readable(m);
                assertThat(text, containsString(tracking));
                assertThat(text, not(containsString(canary)));
                checked++;
            }
        }
        assertThat(checked, is(15));
        // Without the opt-in the sealed content is never opened: no title is stored at all.
        assertThat(Fixtures.count("SELECT count(*) FROM notification.tracked_report WHERE tracking_id = ?"
                + " AND title IS NULL AND contact IS NOT NULL", tracking), is(1L));
        assertThat(mailTo(reporter).stream().map(Fixtures::readable).toList(),
                hasItem(containsString("Severity: HIGH")));
    }

    @Test
    void anAddedProjectsOwnersHearOfTheCaseAndEveryProjectAndTheReporterHearOfAnOverride() {
        Project lead = project(false);
        Project partner = project(false);
        String tracking = trackingId(lead.slug());
        String reporter = email("reporter");
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), lead.slug(), tracking, reporter, "t"));
        awaitMail(reporter, 1);
        String caseId = UUID.randomUUID().toString();
        List<String> slugs = List.of(lead.slug(), partner.slug());
        Instant now = Instant.now();
        TestEvents.publish(new CaseProjectAdded(caseId, tracking, slugs, now, "m", partner.slug()));
        awaitMail(partner.ownerMail(), 1);
        assertThat(subjects(partner.ownerMail()).stream().filter(s -> s.contains(tracking)).toList(),
                contains(endsWith("new vulnerability report")));
        TestEvents.publish(new CasePublicationOverridden(caseId, tracking, slugs, now, "o", now.plusSeconds(3600)));
        String overridden = "publication decided by the lead project";
        awaitMail(reporter, 2);
        for (String address : List.of(lead.ownerMail(), lead.maintainerMail(), partner.ownerMail(),
                partner.maintainerMail(), reporter)) {
            await().atMost(Fixtures.WAIT).until(() -> subjects(address).stream().anyMatch(s -> s.endsWith(overridden)));
        }
        String text = mailTo(reporter).stream().map(Fixtures::readable).filter(t -> t.contains("lead project decided"))
                .findFirst().orElseThrow();
        assertThat(text, containsString(now.plusSeconds(3600).toString()));
    }

    @Test
    void theOwnersAreMailedWhenAPlatformAdminChangesTheMembersAndOnlyThen() {
        Project p = project(false);
        String byOwner = "by-owner-" + UUID.randomUUID();
        String byAdmin = "by-admin-" + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(new ProjectMembershipChanged(p.slug() + "-id", p.slug(), byOwner, null, Role.MAINTAINER,
                ProjectMembershipChanged.Change.ADDED, now, p.owner(), false));
        TestEvents.publish(new ProjectMembershipChanged(p.slug() + "-id", p.slug(), byAdmin, null, Role.MAINTAINER,
                ProjectMembershipChanged.Change.ADDED, now, "admin-7", true));
        String expected = "a platform admin changed the members";
        List<MimeMessage> mails = awaitMail(p.ownerMail(), 1);
        TestEvents.pause(Duration.ofSeconds(2));
        mails = mailTo(p.ownerMail());
        assertThat(mails, hasSize(1));
        String text = readable(mails.get(0));
        assertThat(text, containsString(expected));
        assertThat(text, containsString(byAdmin));
        assertThat(text, containsString("admin-7"));
        assertThat(text, not(containsString(byOwner)));
        assertThat(subjects(p.maintainerMail()).stream().filter(s -> s.endsWith(expected)).toList(), empty());
    }

    @Test
    void includesTheTitleOnlyWhenTheProjectPolicyOptsIn() {
        Project p = project(true);
        String canary = "OPTIN" + UUID.randomUUID().toString().replace("-", "");
        String tracking = trackingId(p.slug());
        String reporter = email("reporter");
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), p.slug(), tracking, reporter, canary));
        String text = readable(awaitMail(reporter, 1).get(0));
        assertThat(text, containsString("Title: " + canary));
        assertThat(text, not(containsString("Description " + canary)));
        assertThat(awaitMail(p.ownerMail(), 1).stream().map(Fixtures::readable).toList(),
                hasItem(containsString(canary)));
    }

    @Test
    void reporterHearsOfEveryStatusChangeAndOfTheCredit() {
        Project p = project(false);
        String tracking = trackingId(p.slug());
        String reporter = email("reporter");
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), p.slug(), tracking, reporter, "t"));
        awaitMail(reporter, 1);
        String caseId = UUID.randomUUID().toString();
        List<String> slugs = List.of(p.slug());
        Instant now = Instant.now();
        TestEvents.publish(new CaseAcknowledged(caseId, tracking, slugs, now, "m"));
        TestEvents.publish(new CaseNeedsInfo(caseId, tracking, slugs, now, "m"));
        TestEvents.publish(new CaseClosed(caseId, tracking, slugs, now, "m", CaseClosed.Resolution.WONT_FIX, null));
        TestEvents.publish(new CaseReopened(caseId, tracking, slugs, now, "m"));
        TestEvents.publish(
                new CreditGranted("c-" + caseId, caseId, tracking, p.slug(), CreditType.FINDER, null, 10, false, now));
        List<String> texts = awaitMail(reporter, 6).stream().map(Fixtures::readable).toList();
        for (String expected : List.of("is now: acknowledged", "is now: waiting for more information",
                "is now: closed (wont fix)", "is now: reopened", "You were credited")) {
            assertThat(texts, hasItem(containsString(expected)));
        }
        assertThat(mailTo(p.ownerMail()).stream().map(Fixtures::readable).filter(t -> t.contains(tracking)).toList(),
                hasSize(1));
    }

    @Test
    void maintainerWhoTurnedOffEmailForBreachesGetsNoneWhileOwnersStillDo() {
        Project p = project(false);
        String token = Tokens.of(p.maintainer());
        given().auth().oauth2(token).contentType("application/json").body("{\"channels\":[]}").when()
                .put("/api/v1/me/preferences/sla.breached").then().statusCode(200)
                .body("eventType", equalTo("sla.breached")).body("channels.size()", equalTo(0));
        given().auth().oauth2(token).contentType("application/json").body("{\"channels\":[\"WEBHOOK\"]}").when()
                .put("/api/v1/me/preferences/sla.breached").then().statusCode(400)
                .contentType("application/problem+json");
        String tracking = trackingId(p.slug());
        String caseId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        TestEvents.publish(new SlaBreached("b-" + caseId, caseId, tracking, p.slug(), SlaMilestone.FIX, now, now));
        TestEvents.publish(new SlaWarning("w2-" + caseId, caseId, tracking, p.slug(), SlaMilestone.DISCLOSE, now, now));
        awaitMail(p.maintainerMail(), 1);
        awaitMail(p.ownerMail(), 1);
        TestEvents.pause(Duration.ofSeconds(2));
        assertThat(subjects(p.maintainerMail()),
                contains("[Embargo] " + p.slug() + " " + tracking + ": SLA deadline approaching"));
        assertThat(subjects(p.ownerMail()),
                contains("[Embargo] " + p.slug() + " " + tracking + ": SLA deadline missed"));
    }

    @Test
    void aMissedDisclosureDeadlineReachesTheLeadsOwnersAndThePlatformAdmins() {
        Project p = project(false);
        String tracking = trackingId(p.slug());
        String caseId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String admins = "platform-admins@embargo.test";
        TestEvents.publish(new SlaBreached("f-" + caseId, caseId, tracking, p.slug(), SlaMilestone.FIX, now, now));
        TestEvents.publish(new SlaBreached("d-" + caseId, caseId, tracking, p.slug(), SlaMilestone.DISCLOSE, now, now));
        awaitMail(p.ownerMail(), 2);
        await().atMost(Fixtures.WAIT).until(() -> subjects(admins).stream().anyMatch(s -> s.contains(tracking)));
        TestEvents.pause(Duration.ofSeconds(2));
        List<MimeMessage> toAdmins = mailTo(admins).stream().filter(m -> readable(m).contains(tracking)).toList();
        assertThat(toAdmins, hasSize(1));
        assertThat(readable(toAdmins.get(0)), containsString("disclose"));
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE tracking_id = ?"
                + " AND recipient LIKE 'platform-admins:%'", tracking), is(1L));
    }

    @Test
    void memberAddressWithLineBreaksNeverReachesAMailHeader() {
        Project p = project(false);
        String injected = email("victim");
        String sneaky = "evil-" + p.slug() + "@example.org\r\nBcc: " + injected;
        member(p.slug(), "sneaky-" + p.slug(), Role.MAINTAINER, sneaky);
        awaitProject(p.slug(), 3, true);
        String tracking = trackingId(p.slug());
        TestEvents.publish(report(ciphers, UUID.randomUUID().toString(), p.slug(), tracking, email("r"), "t"));
        awaitMail(p.ownerMail(), 1);
        TestEvents.pause(Duration.ofSeconds(1));
        assertThat(mailTo(injected), empty());
        assertThat(mailTo("evil-" + p.slug() + "@example.org"), empty());
        assertThat(Fixtures.count("SELECT count(*) FROM notification.delivery WHERE recipient = ?",
                "member:sneaky-" + p.slug()), is(0L));
    }
}
