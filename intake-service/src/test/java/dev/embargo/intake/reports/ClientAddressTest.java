package dev.embargo.intake.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    static final Set<String> PROXIES = Set.of("10.0.0.2", "10.0.0.3");

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        assertEquals("203.0.113.9", ClientAddress.resolve("203.0.113.9", "1.2.3.4", PROXIES));
    }

    @Test
    void clientIsTheLastHopBeforeTheTrustedProxies() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3", PROXIES));
        assertEquals("10.0.0.2", ClientAddress.resolve("10.0.0.2", null, PROXIES));
        assertEquals("10.0.0.2", ClientAddress.resolve("10.0.0.2", " , ", PROXIES));
    }
}
