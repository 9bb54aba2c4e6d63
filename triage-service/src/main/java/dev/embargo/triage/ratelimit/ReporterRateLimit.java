package dev.embargo.triage.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.embargo.platform.crypto.CryptoConfig;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemMappers;
import dev.embargo.platform.proxies.ClientPseudonyms;
import dev.embargo.platform.proxies.TrustedProxies;
import dev.embargo.platform.ratelimit.SharedBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rate limits of the reporter API, keyed on the real client (the peer, or the X-Forwarded-For hop before the configured
 * trusted proxies) as a keyed pseudonym: requests per client and tracking id, so nobody floods a thread; and failed
 * token checks (any 404 of the reporter API) per client across all tracking ids, so guessing tokens is slow while the
 * real reporter, from their own address, is never locked out of their case. The buckets are rows of the triage schema
 * (Bucket4j on PostgreSQL), so every replica counts against the same limits. Answers 429 with Retry-After before
 * anything is looked up.
 */
@Startup
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

        /**
         * Secret key (base64, at least 32 bytes) of the client pseudonyms the limits are kept under, so no address is
         * stored; the same on every replica ({@code EMBARGO_REPORTER_PSEUDONYM_KEY}). Required in production (see
         * {@code embargo.crypto.require-keysets}).
         */
        Optional<String> pseudonymKey();
    }

    private static final String CLIENT = "embargo.reporter.client";

    private static final String PREFIX = "/api/v1/reporter/cases/";

    private final TrustedProxies trustedProxies;
    private final ClientPseudonyms pseudonyms;
    private final SharedBuckets buckets;
    private final BucketConfiguration requests;
    private final BucketConfiguration failures;

    @Inject
    ReporterRateLimit(Config config, CryptoConfig crypto, DataSource dataSource) {
        this(config, ClientPseudonyms.withKey(config.pseudonymKey(), crypto.requireKeysets(),
                "embargo.reporter.pseudonym-key"), new SharedBuckets(dataSource));
    }

    /** One replica's limits over the shared buckets (tests build a second one to play a second replica). */
    ReporterRateLimit(Config config, ClientPseudonyms pseudonyms, SharedBuckets buckets) {
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        this.pseudonyms = pseudonyms;
        this.buckets = buckets;
        this.requests = perMinute(config.requestsPerMinute());
        this.failures = perMinute(config.failedTokensPerMinute());
    }

    @ServerRequestFilter(preMatching = true)
    Uni<Response> limit(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        String rest = path.substring(PREFIX.length());
        String trackingId = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String client = client(peer, request.getHeader("X-Forwarded-For"));
        ctx.setProperty(CLIENT, client);
        // The buckets are database rows: decided on a worker thread, never on the event loop.
        return Uni.createFrom().item(() -> decide(client, trackingId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A 429 when the client's failed checks or its requests on this case are used up; null to go on. */
    Response decide(String client, String trackingId) {
        EstimationProbe failed = buckets.estimate(failuresKey(client), failures);
        if (!failed.canBeConsumed()) {
            return tooMany(failed.getNanosToWaitForRefill());
        }
        ConsumptionProbe probe = buckets.tryConsume("reporter:" + client + ":" + trackingId, requests);
        return probe.isConsumed() ? null : tooMany(probe.getNanosToWaitForRefill());
    }

    /** A 404 of the reporter API is a failed token check (or a guessed tracking id): it counts against the client. */
    @ServerResponseFilter
    Uni<Void> countFailure(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 404 && request.getProperty(CLIENT) instanceof String client) {
            return Uni.createFrom().item(() -> buckets.tryConsume(failuresKey(client), failures))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** The client's pseudonym: its address behind the trusted proxies, keyed so no address is stored. */
    String client(String peer, String forwardedFor) {
        return pseudonyms.of(trustedProxies.client(peer, forwardedFor));
    }

    static String failuresKey(String client) {
        return "reporter-failures:" + client;
    }

    /** Buckets that refilled are the same as none: their rows go, so the table holds only clients seen lately. */
    @Scheduled(every = "${embargo.reporter.expired-buckets-every:10m}", concurrentExecution = ConcurrentExecution.SKIP)
    void removeExpiredBuckets() {
        int removed = buckets.removeExpired();
        if (removed > 0) {
            Log.debugf("removed %d refilled reporter rate-limit buckets", removed);
        }
    }

    private static BucketConfiguration perMinute(int n) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1)).build()).build();
    }

    private static Response tooMany(long nanosToWait) {
        long seconds = Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + 1);
        return Response
                .fromResponse(ProblemMappers.respond(
                        Problem.of("rate-limited", 429, "Too many requests", "Too many requests; retry later.")))
                .header("Retry-After", Long.toString(seconds)).build();
    }
}
