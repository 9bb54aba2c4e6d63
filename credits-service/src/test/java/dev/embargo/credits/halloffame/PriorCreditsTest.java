package dev.embargo.credits.halloffame;

import static dev.embargo.credits.PublishedCases.newSlug;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14: a project's earlier acknowledgements carry over into its hall of fame. OpenPanel's text: "- @geo-chen —
 * broken object-level authorization in saved reports (June 2026)".
 */
@QuarkusTest
class PriorCreditsTest {

    static SecurityPolicy policyWith(List<SecurityPolicy.PriorCredit> prior) {
        return new SecurityPolicy("OpenPanel", null, null, null, null, null, null, null, null, null, null,
                List.of(new SecurityPolicy.Channel("PLATFORM", null, null)), null, false, null, null, null, null, null,
                null, null, null, prior);
    }

    @Test
    void thePoliciesPriorCreditsAppearInTheProjectsHallOfFameAndFollowItsNewestVersion() {
        String slug = newSlug();
        String id = UUID.randomUUID().toString();
        var geo = new SecurityPolicy.PriorCredit("@geo-chen", "broken object-level authorization in saved reports",
                "June 2026");
        // Before anything arrives the project has no hall of fame.
        given().get("/api/v1/projects/" + slug + "/hall-of-fame").then().statusCode(404);
        TestEvents.publish(new ProjectPolicyPublished(id, slug, 1, Instant.now(), policyWith(List.of(geo))));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().accept("application/json")
                        .get("/api/v1/projects/" + slug + "/hall-of-fame").then().statusCode(200)
                        .body("earlier", hasSize(1)).body("earlier[0].name", equalTo("@geo-chen"))
                        .body("earlier[0].summary", equalTo("broken object-level authorization in saved reports"))
                        .body("earlier[0].when", equalTo("June 2026")).body("entries", hasSize(0)));
        given().accept("text/markdown").get("/api/v1/projects/" + slug + "/hall-of-fame").then().statusCode(200)
                .body(containsString("Earlier acknowledgements")).body(containsString("\\@geo\\-chen"));
        given().accept("text/html").get("/api/v1/projects/" + slug + "/hall-of-fame").then().statusCode(200)
                .body(containsString("<li>@geo-chen — broken object-level authorization in saved reports (June 2026)"));
        // The platform-wide hall does not list one project's earlier credits.
        given().accept("application/json").get("/api/v1/hall-of-fame").then().body(not(containsString("@geo-chen")));

        // A newer version without them removes them; a late older version does not bring them back.
        TestEvents.publish(new ProjectPolicyPublished(id, slug, 3, Instant.now(), policyWith(List.of())));
        String late = TestEvents
                .publish(new ProjectPolicyPublished(id, slug, 2, Instant.now(), policyWith(List.of(geo))));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(late));
        given().accept("application/json").get("/api/v1/projects/" + slug + "/hall-of-fame").then().statusCode(404);
    }

    private static boolean processed(String eventId) throws SQLException {
        try (var c = TestDatabase.superuser().getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM credits.inbox WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}
