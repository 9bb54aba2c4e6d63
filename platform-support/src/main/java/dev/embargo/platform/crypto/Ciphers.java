package dev.embargo.platform.crypto;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.crypto.tink.KeysetHandle;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The service's two field ciphers: {@link #atRest()} for what it stores, {@link #transport()} for what crosses Kafka
 * sealed. Without configured keysets the service refuses to start unless {@code embargo.crypto.require-keysets} is off
 * (dev and test), in which case each process generates throwaway keys. A service that declares it does not use a keyset
 * ({@code embargo.crypto.uses-at-rest} / {@code uses-transport} false) loads none, and asking for it fails.
 */
@Startup
@ApplicationScoped
public class Ciphers {

    private final Optional<FieldCipher> atRest;
    private final Optional<FieldCipher> transport;

    public Ciphers(CryptoConfig config) {
        this.atRest = cipher("at-rest", config.usesAtRest(), config.atRestKeyset(), config.requireKeysets());
        this.transport = cipher("transport", config.usesTransport(), config.transportKeyset(), config.requireKeysets());
    }

    public FieldCipher atRest() {
        return atRest.orElseThrow(() -> unused("at-rest"));
    }

    public FieldCipher transport() {
        return transport.orElseThrow(() -> unused("transport"));
    }

    private static IllegalStateException unused(String name) {
        return new IllegalStateException(
                "this service declares it uses no " + name + " keyset (embargo.crypto.uses-" + name + "=false)");
    }

    private static Optional<FieldCipher> cipher(String name, boolean used, Optional<String> configured,
            boolean required) {
        if (!used) {
            if (configured.isPresent() && !configured.get().isBlank()) {
                Log.warnf("a %s keyset is configured but this service uses none: it is ignored; remove it from the"
                        + " service's environment", name);
            }
            return Optional.empty();
        }
        return Optional.of(new FieldCipher(load(name, configured, required)));
    }

    private static KeysetHandle load(String name, Optional<String> configured, boolean required) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Keysets.fromBase64(configured.get());
        }
        if (required) {
            throw new IllegalStateException("no " + name + " keyset configured (embargo.crypto." + name
                    + "-keyset); refusing to store or send report content unencrypted");
        }
        Log.warnf("no %s keyset configured: generated a throwaway one for this process (dev/test only)", name);
        return Keysets.generate();
    }
}
