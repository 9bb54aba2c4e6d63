package dev.embargo.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * What every service promises an operator and a client, whatever it does: readiness that covers PostgreSQL and Kafka,
 * an OpenAPI document, and problem+json that never echoes input. A service's {@code @QuarkusTest} extends it.
 */
public abstract class OperabilityContract {

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")).body("checks.name",
                hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void publishesOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200).body("openapi",
                startsWith("3."));
    }

    @Test
    void unknownPathIsProblemJsonWithoutEcho() {
        given().when().get("/api/v1/<script>nope").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:not-found")).body(not(containsString("script")));
    }
}
