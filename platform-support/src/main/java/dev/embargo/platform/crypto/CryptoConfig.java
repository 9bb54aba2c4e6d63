package dev.embargo.platform.crypto;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Keysets for field encryption. Each is a Tink JSON keyset, base64-encoded, taken from the environment in production
 * ({@code EMBARGO_CRYPTO_AT_REST_KEYSET}, {@code EMBARGO_CRYPTO_TRANSPORT_KEYSET}); never put one in a config file.
 */
@ConfigMapping(prefix = "embargo.crypto")
public interface CryptoConfig {

    /** Encrypts content this service stores. Rotate by adding a new primary key; old keys keep decrypting. */
    Optional<String> atRestKeyset();

    /** Seals content inside events; every service that produces or opens sealed fields shares it. */
    Optional<String> transportKeyset();

    /**
     * Whether this service stores sealed fields and so needs an at-rest keyset. A service that stores none (credits)
     * says false in its {@code application.properties} and is given none.
     */
    @WithDefault("true")
    boolean usesAtRest();

    /**
     * Whether this service seals or opens the content of events and so needs the transport keyset: intake (seals),
     * triage and notification (open). Whoever holds it reads every submitted report in Kafka, so a service that does
     * not need it (credits) says false and is not given it.
     */
    @WithDefault("true")
    boolean usesTransport();

    /**
     * Refuse to start without configured keysets. True by default so production cannot silently run with throwaway
     * keys; the dev and test profiles turn it off and get a generated keyset per process.
     */
    @WithDefault("true")
    boolean requireKeysets();
}
