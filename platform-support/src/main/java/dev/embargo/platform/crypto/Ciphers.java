package dev.embargo.platform.crypto;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.crypto.tink.KeysetHandle;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The service's two field ciphers: {@link #atRest()} for what it stores, {@link #transport()} for what crosses Kafka
 * sealed. Without configured keysets the service refuses to start unless {@code embargo.crypto.require-keysets} is off
 * (dev and test), in which case each process generates throwaway keys.
 */
@Startup
@ApplicationScoped
public class Ciphers {

    private final FieldCipher atRest;
    private final FieldCipher transport;

    Ciphers(CryptoConfig config) {
        this.atRest = new FieldCipher(load("at-rest", config.atRestKeyset(), config.requireKeysets()));
        this.transport = new FieldCipher(load("transport", config.transportKeyset(), config.requireKeysets()));
    }

    public FieldCipher atRest() {
        return atRest;
    }

    public FieldCipher transport() {
        return transport;
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
