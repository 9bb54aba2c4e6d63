package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SubmissionMetricsTest {

    @Test
    void refusedSubmissionsAreCountedByReasonForOperators() {
        given().contentType("application/json").body("{\"title\": \"x\"}")
                .post("/api/v1/projects/no-such-project-metrics/reports").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("embargo_submissions_total{outcome=\"rejected\",reason=\"not-found\""))
                .body(containsString("embargo_outbox_backlog"));
    }
}
