package dev.embargo.intake.reports;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.platform.problem.ProblemMappers;
import dev.embargo.platform.proxies.TrustedProxies;
import dev.embargo.platform.ratelimit.SharedBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-client token buckets for report submissions (Bucket4j, kept in PostgreSQL so all replicas share them); over the
 * limit is a 429 with Retry-After.
 */
@ApplicationScoped
class SubmissionLimiter {

    /** A 429 that carries Retry-After. */
    static class TooManyRequests extends ProblemException {
        /** The problem without its {@code retryAfterSeconds}, which each refusal adds. */
        static final Problem PROBLEM = Problem.of("rate-limited", 429, "Too many requests",
                "Too many reports from this client; retry after the time in Retry-After.");

        final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(PROBLEM.with("retryAfterSeconds", retryAfterSeconds));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        Response response() {
            return Response.fromResponse(ProblemMappers.respond(problem()))
                    .header("Retry-After", String.valueOf(retryAfterSeconds)).build();
        }
    }

    private final SubmissionConfig config;
    private final ReporterPseudonyms pseudonyms;
    private final TrustedProxies trustedProxies;
    private final SharedBuckets buckets;
    private final BucketConfiguration limit;
    /**
     * Clients whose shared bucket was found empty, with the time (System.nanoTime) before which it cannot hold a token
     * again: other replicas can only take tokens, never add them, so until then this replica refuses without asking the
     * database. Bounded: cleared whenever it grows past {@link #MAX_REMEMBERED}.
     */
    private final ConcurrentHashMap<String, Long> emptyUntil = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;
    /** Where {@link #client(RoutingContext)} keeps a request's pseudonym. */
    private static final String CLIENT = SubmissionLimiter.class.getName() + ".client";

    @Inject
    SubmissionLimiter(SubmissionConfig config, ReporterPseudonyms pseudonyms, DataSource dataSource) {
        this(config, pseudonyms, new SharedBuckets(dataSource));
    }

    /** One replica's limiter over the shared buckets (tests build a second one to play a second replica). */
    SubmissionLimiter(SubmissionConfig config, ReporterPseudonyms pseudonyms, SharedBuckets buckets) {
        this.config = config;
        this.pseudonyms = pseudonyms;
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        this.buckets = buckets;
        this.limit = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(config.ratePerPeriod())
                .refillGreedy(config.ratePerPeriod(), config.ratePeriod()).build()).build();
    }

    /** The client's pseudonym: its address behind the trusted proxies, keyed so no address is kept anywhere. */
    String client(String peer, String forwardedFor) {
        return pseudonyms.of(trustedProxies.client(peer, forwardedFor));
    }

    /**
     * The pseudonym of the client that sent this request, computed once per request: {@link FloodGate} asks first, on
     * the event loop, and {@link ReportResource} gets the same value without a second keyed hash.
     */
    String client(RoutingContext request) {
        String client = request.get(CLIENT);
        if (client == null) {
            HttpServerRequest http = request.request();
            client = client(http.remoteAddress().hostAddress(), http.getHeader("X-Forwarded-For"));
            request.put(CLIENT, client);
        }
        return client;
    }

    /** Takes one submission from the client's bucket, which every intake replica shares; 429 when it is empty. */
    void acquire(String client) {
        refuseIfKnownEmpty(client);
        ConsumptionProbe probe = buckets.tryConsume("submissions:" + client, limit);
        if (!probe.isConsumed()) {
            if (emptyUntil.size() >= MAX_REMEMBERED) {
                emptyUntil.clear();
            }
            emptyUntil.put(client, System.nanoTime() + probe.getNanosToWaitForRefill());
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Refuses, without the database, a client whose bucket this replica saw empty and which cannot have refilled yet.
     */
    void refuseIfKnownEmpty(String client) {
        long seconds = secondsUntilRefill(client);
        if (seconds > 0) {
            throw new TooManyRequests(seconds);
        }
    }

    /**
     * The whole seconds (at least 1) before a client whose bucket this replica saw empty can hold a token again; 0 when
     * it is not known to be empty. Cheap and non-blocking: {@link FloodGate} asks it before a request is even routed.
     */
    long secondsUntilRefill(String client) {
        Long until = emptyUntil.get(client);
        if (until == null) {
            return 0;
        }
        long left = until - System.nanoTime();
        if (left > 0) {
            return retryAfterSeconds(left);
        }
        emptyUntil.remove(client, until);
        return 0;
    }

    private static TooManyRequests tooMany(long nanosToWait) {
        return new TooManyRequests(retryAfterSeconds(nanosToWait));
    }

    private static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait) + 1);
    }

    /** Buckets that refilled are the same as none: their rows go, so the table holds only clients seen lately. */
    @Scheduled(every = "${embargo.submissions.expired-buckets-every:10m}", concurrentExecution = ConcurrentExecution.SKIP)
    void removeExpiredBuckets() {
        int removed = buckets.removeExpired();
        if (removed > 0) {
            Log.debugf("removed %d refilled rate-limit buckets", removed);
        }
    }
}
