package dev.embargo.triage.cases;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemMappers;
import dev.embargo.platform.proxies.TrustedProxies;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rate limits of the reporter API, keyed on the real client (the peer, or the X-Forwarded-For hop before the configured
 * trusted proxies): requests per client and tracking id, so nobody floods a thread; and failed token checks (any 404 of
 * the reporter API) per client across all tracking ids, so guessing tokens is slow while the real reporter, from their
 * own address, is never locked out of their case. Answers 429 with Retry-After before anything is looked up.
 */
@ApplicationScoped
class ReporterRateLimit {

    /** Reporter API limits. */
    @ConfigMapping(prefix = "embargo.reporter")
    interface Config {
        /** Requests per client and case per minute; a human reporter needs a handful. */
        @WithDefault("30")
        int requestsPerMinute();

        /** Failed token checks per client per minute, over all cases; a reporter mistypes a token once or twice. */
        @WithDefault("10")
        int failedTokensPerMinute();

        /**
         * The proxies (ingress) whose X-Forwarded-For is believed: addresses or CIDR ranges; none by default. An
         * invalid entry fails the start.
         */
        Optional<List<String>> trustedProxies();
    }

    private static final String CLIENT = "embargo.reporter.client";

    private static final String PREFIX = "/api/v1/reporter/cases/";

    private final Config config;
    private final TrustedProxies trustedProxies;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();
    private final Cache<String, Bucket> failures = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    ReporterRateLimit(Config config) {
        this.config = config;
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
    }

    @ServerRequestFilter(preMatching = true)
    Optional<Response> limit(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        String trackingId = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String client = client(peer, request.getHeader("X-Forwarded-For"));
        ctx.setProperty(CLIENT, client);
        Bucket failed = failures.get(client, k -> perMinute(config.failedTokensPerMinute()));
        if (failed.getAvailableTokens() <= 0) {
            return Optional.of(tooMany(failed.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
        }
        Bucket bucket = buckets.get(client + "|" + trackingId, k -> perMinute(config.requestsPerMinute()));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(tooMany(probe.getNanosToWaitForRefill()));
    }

    /** A 404 of the reporter API is a failed token check (or a guessed tracking id): it counts against the client. */
    @ServerResponseFilter
    void countFailure(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 404 && request.getProperty(CLIENT) instanceof String client) {
            failures.get(client, k -> perMinute(config.failedTokensPerMinute())).tryConsume(1);
        }
    }

    private String client(String peer, String forwardedFor) {
        return trustedProxies.client(peer, forwardedFor);
    }

    private static Bucket perMinute(int n) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1)).build())
                .build();
    }

    private static Response tooMany(long nanosToWait) {
        long seconds = Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + 1);
        return Response
                .fromResponse(ProblemMappers.respond(
                        Problem.of("rate-limited", 429, "Too many requests", "Too many requests; retry later.")))
                .header("Retry-After", Long.toString(seconds)).build();
    }
}
