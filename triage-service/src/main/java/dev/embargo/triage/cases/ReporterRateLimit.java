package dev.embargo.triage.cases;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemMappers;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rate limit of the reporter API per client address and tracking id, so nobody hammers a case's token check or floods a
 * thread. Answers 429 with Retry-After before anything is looked up.
 */
@ApplicationScoped
class ReporterRateLimit {

    /** Reporter API limits. */
    @ConfigMapping(prefix = "embargo.reporter")
    interface Config {
        /** Requests per client and case per minute; a human reporter needs a handful. */
        @WithDefault("30")
        int requestsPerMinute();
    }

    private static final String PREFIX = "/api/v1/reporter/cases/";

    private final Config config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    ReporterRateLimit(Config config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    Optional<Response> limit(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        String trackingId = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Bucket bucket = buckets
                .get(client + "|" + trackingId,
                        k -> Bucket.builder()
                                .addLimit(Bandwidth.builder().capacity(config.requestsPerMinute())
                                        .refillGreedy(config.requestsPerMinute(), Duration.ofMinutes(1)).build())
                                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return Optional.of(Response
                .fromResponse(ProblemMappers.respond(Problem.of("rate-limited", 429, "Too many requests",
                        "Too many requests for this case; retry later.")))
                .header("Retry-After", Long.toString(seconds)).build());
    }
}
