package dev.embargo.intake.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.platform.problem.Problem;
import io.vertx.ext.web.Router;

/**
 * Refuses a client that this replica already found over its submission limit before anything else is done with its
 * request: on the event loop, ahead of routing to {@link ReportResource}, authentication and body reading, with no
 * database and a response body serialised once. A flooding client so costs the others as little as this process can
 * make it cost. The first refusal, and every decision to accept, stay with {@link SubmissionLimiter#acquire}.
 */
@ApplicationScoped
class FloodGate {

    /** {@code POST /api/v1/projects/{slug}/reports}, the path {@link ReportResource#submit} answers. */
    static final String SUBMIT_PATH = "/api/v1/projects/[^/]+/reports/?";

    void install(@Observes Router router, SubmissionLimiter limiter, ObjectMapper json) {
        String body = bodyBeforeRetryAfter(json);
        // After BodyLimit (which only looks at the announced length), before everything else.
        router.postWithRegex(SUBMIT_PATH).order(Integer.MIN_VALUE + 1).handler(rc -> {
            long seconds = limiter.secondsUntilRefill(limiter.client(rc));
            if (seconds == 0) {
                rc.next();
                return;
            }
            String retryAfter = String.valueOf(seconds);
            rc.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", retryAfter).end(body + retryAfter + "}");
        });
    }

    /** The rate-limited problem as JSON, open for its {@code retryAfterSeconds} member. */
    private static String bodyBeforeRetryAfter(ObjectMapper json) {
        try {
            String problem = json.writeValueAsString(SubmissionLimiter.TooManyRequests.PROBLEM);
            return problem.substring(0, problem.lastIndexOf('}')) + ",\"retryAfterSeconds\":";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rate-limited problem does not serialise", e);
        }
    }
}
