package dev.embargo.intake.reports;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.embargo.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers an announced oversized body with a problem+json 413 before any of it is read. (A submission without a length
 * gets the same answer once it has gone over, from {@link SubmissionBody}; other bodies without a length are cut off by
 * the HTTP layer at {@code quarkus.http.limits.max-body-size}, with a bare 413.)
 */
@ApplicationScoped
class BodyLimit {

    static final String BODY = "{\"type\":\"" + Problem.TYPE_PREFIX
            + "payload-too-large\",\"title\":\"Payload too large\","
            + "\"status\":413,\"detail\":\"The request body is larger than this service accepts.\"}";

    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && LENGTH.matcher(length).matches() && Long.parseLong(length) > max) {
                rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(BODY);
            } else {
                rc.next();
            }
        });
    }
}
