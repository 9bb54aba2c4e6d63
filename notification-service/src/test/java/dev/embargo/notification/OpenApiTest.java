package dev.embargo.notification;

import java.util.Set;

import dev.embargo.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** Notification's OpenAPI document: every operation it has, each documented as the contract in test-support asks. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/projects/{slug}/deliveries",
            "POST /api/v1/projects/{slug}/heads-up-subscribers", "GET /api/v1/projects/{slug}/heads-up-subscribers",
            "DELETE /api/v1/projects/{slug}/heads-up-subscribers/{id}", "GET /api/v1/me/preferences",
            "PUT /api/v1/me/preferences/{eventType}", "POST /api/v1/projects/{slug}/webhooks",
            "GET /api/v1/projects/{slug}/webhooks", "GET /api/v1/projects/{slug}/webhooks/{id}",
            "DELETE /api/v1/projects/{slug}/webhooks/{id}");

    @Override
    protected Set<String> operations() {
        return ENDPOINTS;
    }
}
