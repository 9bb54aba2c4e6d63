package dev.embargo.intake.reports;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.platform.crypto.CryptoConfig;
import dev.embargo.platform.proxies.ClientPseudonyms;
import io.quarkus.runtime.Startup;

/**
 * Stable pseudonyms for anonymous reporters ({@code anon:<32 hex>}, a keyed HMAC of the client address, see
 * {@link ClientPseudonyms}): rate limits, strikes, bans and resubmissions follow the client on every replica, but no
 * address reaches the database, the audit log or an owner's screen.
 */
@Startup
@ApplicationScoped
public class ReporterPseudonyms {

    private final ClientPseudonyms pseudonyms;

    ReporterPseudonyms(SubmissionConfig config, CryptoConfig crypto) {
        this.pseudonyms = ClientPseudonyms.withKey(config.pseudonymKey(), crypto.requireKeysets(),
                "embargo.submissions.pseudonym-key");
    }

    /** The pseudonym of a client address (resolved behind the trusted proxies). */
    public String of(String clientAddress) {
        return pseudonyms.of(clientAddress);
    }
}
