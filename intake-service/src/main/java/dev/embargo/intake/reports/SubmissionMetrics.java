package dev.embargo.intake.reports;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import dev.embargo.platform.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts submissions by outcome and, for refusals, by the problem type's kind ({@code embargo_submissions_total}
 * {outcome="accepted|resubmission|rejected", reason="…"}): what an operator watches during a flood.
 */
@Provider
class SubmissionMetrics implements ContainerResponseFilter {

    private final MeterRegistry registry;

    SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().endsWith("/reports")) {
            return;
        }
        int status = response.getStatus();
        String outcome = status == 201 ? "accepted" : status == 200 ? "resubmission" : "rejected";
        String reason = response.getEntity() instanceof Problem p ? p.type().replace(Problem.TYPE_PREFIX, "")
                : status < 300 ? "none" : "http-" + status;
        registry.counter("embargo.submissions", "outcome", outcome, "reason", reason).increment();
    }
}
