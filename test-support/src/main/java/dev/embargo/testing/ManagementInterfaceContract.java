package dev.embargo.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The prod layout of operator endpoints: with the management interface on (as {@code %prod} has it), health, metrics,
 * OpenAPI and Swagger UI answer on the management port and not at all on the public one, with or without a token. A
 * service's {@code @QuarkusTest} extends it with {@code @TestProfile(ManagementInterfaceContract.Prod.class)}.
 */
public abstract class ManagementInterfaceContract {

    /** Turns the management interface on as in prod (a separate port). */
    public static class Prod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true", "quarkus.management.test-port", "0");
        }
    }

    private static final List<String> OPERATOR_PATHS = List.of("/q/health", "/q/health/ready", "/q/health/live",
            "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/swagger-ui/index.html");

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    void operatorEndpointsAreNotServedOnThePublicPort() {
        for (String path : OPERATOR_PATHS) {
            given().get(path).then().statusCode(404);
            given().auth().oauth2(Tokens.of("operator", "platform-admin")).get(path).then().statusCode(404);
        }
    }

    @Test
    void operatorEndpointsAnswerOnTheManagementPort() {
        int port = managementPort();
        given().port(port).get("/q/health/ready").then().statusCode(200);
        given().port(port).get("/q/health/live").then().statusCode(200);
        given().port(port).get("/q/metrics").then().statusCode(200);
        given().port(port).accept("application/json").get("/q/openapi").then().statusCode(200);
    }
}
