package dev.embargo.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A service is given only the keysets it declares it uses, and refuses to start without those in production. */
class CiphersTest {

    private record Config(Optional<String> atRestKeyset, Optional<String> transportKeyset, boolean usesAtRest,
            boolean usesTransport, boolean requireKeysets) implements CryptoConfig {
    }

    private static Optional<String> keyset() {
        return Optional.of(Keysets.toBase64(Keysets.generate()));
    }

    @Test
    void aServiceThatUsesNoTransportKeysetStartsWithoutOneAndCannotOpenTransportSeals() {
        var ciphers = new Ciphers(new Config(keyset(), Optional.empty(), true, false, true));
        byte[] sealed = ciphers.atRest().encrypt("stored", "t:1:f");
        assertEquals("stored", ciphers.atRest().decrypt(sealed, "t:1:f"));
        var refused = assertThrows(IllegalStateException.class, ciphers::transport);
        assertTrue(refused.getMessage().contains("uses-transport=false"), refused.getMessage());
    }

    @Test
    void aServiceThatUsesNoKeysetAtAllStartsWithNoneConfigured() {
        var ciphers = new Ciphers(new Config(Optional.empty(), Optional.empty(), false, false, true));
        assertThrows(IllegalStateException.class, ciphers::atRest);
        assertThrows(IllegalStateException.class, ciphers::transport);
    }

    @Test
    void aServiceThatUsesAKeysetRefusesToStartWithoutIt() {
        var noTransport = assertThrows(IllegalStateException.class,
                () -> new Ciphers(new Config(keyset(), Optional.empty(), true, true, true)));
        assertTrue(noTransport.getMessage().contains("no transport keyset configured"), noTransport.getMessage());
        var noAtRest = assertThrows(IllegalStateException.class,
                () -> new Ciphers(new Config(Optional.empty(), keyset(), true, true, true)));
        assertTrue(noAtRest.getMessage().contains("no at-rest keyset configured"), noAtRest.getMessage());
    }
}
