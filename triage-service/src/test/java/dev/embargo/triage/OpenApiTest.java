package dev.embargo.triage;

import java.util.Set;

import dev.embargo.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** Triage's OpenAPI document: every operation it has, each documented as the contract in test-support asks. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/cases", "GET /api/v1/cases/counts",
            "GET /api/v1/cases/{id}", "GET /api/v1/cases/{id}/history", "POST /api/v1/cases/{id}/transitions",
            "PUT /api/v1/cases/{id}/severity", "PUT /api/v1/cases/{id}/assignee", "GET /api/v1/cases/{id}/messages",
            "POST /api/v1/cases/{id}/messages", "POST /api/v1/cases/{id}/projects",
            "PUT /api/v1/cases/{id}/projects/{slug}", "DELETE /api/v1/cases/{id}/projects/{slug}",
            "PUT /api/v1/cases/{id}/projects/{slug}/disclosure-stance", "PUT /api/v1/cases/{id}/disclosure",
            "GET /api/v1/cases/{id}/advisory", "GET /api/v1/cases/{id}/findings",
            "POST /api/v1/cases/{id}/findings/{code}/resolution", "GET /api/v1/reporter/cases/{trackingId}",
            "GET /api/v1/reporter/cases/{trackingId}/messages", "POST /api/v1/reporter/cases/{trackingId}/messages",
            "POST /api/v1/reporter/cases/{trackingId}/disclosure/accept",
            "POST /api/v1/reporter/cases/{trackingId}/disclosure/counter",
            "POST /api/v1/reporter/cases/{trackingId}/fix-confirmation",
            "PUT /api/v1/reporter/cases/{trackingId}/credit", "POST /api/v1/reporter/cases/{trackingId}/withdrawal",
            "GET /api/v1/reporter/me/cases");

    @Override
    protected Set<String> operations() {
        return ENDPOINTS;
    }
}
