package dev.embargo.credits;

import java.util.Set;

import dev.embargo.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** Credits's OpenAPI document: every operation it has, each documented as the contract in test-support asks. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/hall-of-fame", "GET /api/v1/projects/{slug}/hall-of-fame",
            "GET /api/v1/advisories/{trackingId}/credits", "POST /api/v1/admin/hall-of-fame/rebuild",
            "GET /api/v1/researchers/me", "PUT /api/v1/researchers/me", "POST /api/v1/researchers/me/claims",
            "PUT /api/v1/researchers/me/consent");

    @Override
    protected Set<String> operations() {
        return ENDPOINTS;
    }
}
