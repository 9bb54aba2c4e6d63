package dev.embargo.intake;

import java.util.Set;

import dev.embargo.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** Intake's OpenAPI document: every operation it has, each documented as the contract in test-support asks. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/projects", "POST /api/v1/projects",
            "GET /api/v1/projects/{slug}", "GET /api/v1/projects/{slug}/members",
            "PUT /api/v1/projects/{slug}/members/{subject}", "DELETE /api/v1/projects/{slug}/members/{subject}",
            "GET /api/v1/projects/{slug}/policy", "PUT /api/v1/projects/{slug}/policy",
            "GET /api/v1/projects/{slug}/policy.md", "GET /api/v1/projects/{slug}/policy/versions",
            "GET /api/v1/projects/{slug}/policy/versions/{version}", "GET /api/v1/projects/{slug}/security.txt",
            "POST /api/v1/projects/{slug}/reports", "POST /api/v1/admin/at-rest-key-rotation",
            "GET /api/v1/projects/{slug}/reporter-standings",
            "DELETE /api/v1/projects/{slug}/reporter-standings/{reporter}", "GET /api/v1/projects/{slug}/audit",
            "GET /api/v1/admin/audit", "GET /api/v1/me/projects");

    @Override
    protected Set<String> operations() {
        return ENDPOINTS;
    }

    /** Intake's document has summaries and examples but not yet a description of every answer (left for later). */
    @Override
    protected boolean describesEveryAnswerAndRefusal() {
        return false;
    }
}
