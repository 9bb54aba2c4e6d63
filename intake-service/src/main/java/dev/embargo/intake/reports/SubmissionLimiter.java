package dev.embargo.intake.reports;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.platform.problem.ProblemMappers;
import dev.embargo.platform.proxies.TrustedProxies;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** Per-client token buckets for report submissions (bucket4j); over the limit is a 429 with Retry-After. */
@ApplicationScoped
class SubmissionLimiter {

    /** A 429 that carries Retry-After. */
    static class TooManyRequests extends ProblemException {
        final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(Problem
                    .of("rate-limited", 429, "Too many requests",
                            "Too many reports from this client; retry after the time in Retry-After.")
                    .with("retryAfterSeconds", retryAfterSeconds));
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
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SubmissionLimiter(SubmissionConfig config, ReporterPseudonyms pseudonyms) {
        this.config = config;
        this.pseudonyms = pseudonyms;
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
    }

    /** The client's pseudonym: its address behind the trusted proxies, keyed so no address is kept anywhere. */
    String client(String peer, String forwardedFor) {
        return pseudonyms.of(trustedProxies.client(peer, forwardedFor));
    }

    void acquire(String client) {
        if (buckets.size() > config.maxTrackedClients()) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client,
                c -> Bucket.builder().addLimit(Bandwidth.builder().capacity(config.ratePerPeriod())
                        .refillGreedy(config.ratePerPeriod(), config.ratePeriod()).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
        }
    }
}
