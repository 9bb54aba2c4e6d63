package dev.embargo.platform.proxies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Who the client is behind an ingress whose pods have changing addresses inside a known range. */
class TrustedProxiesTest {

    static final TrustedProxies INGRESS = TrustedProxies.of(List.of("10.244.0.0/16", "192.168.7.3", "fd00:ab::/32"));

    @Test
    void rangesAndSingleAddressesAreTrustedAndNothingElse() {
        assertTrue(INGRESS.trusts("10.244.0.1"));
        assertTrue(INGRESS.trusts("10.244.255.254"));
        assertFalse(INGRESS.trusts("10.245.0.1"));
        assertTrue(INGRESS.trusts("192.168.7.3"));
        assertFalse(INGRESS.trusts("192.168.7.4"));
        assertTrue(INGRESS.trusts("fd00:ab:1::5"));
        assertTrue(INGRESS.trusts("[fd00:ab::1]"));
        assertFalse(INGRESS.trusts("fd00:ac::1"));
        assertTrue(INGRESS.trusts("::ffff:10.244.3.4"), "an IPv4-mapped address is the IPv4 address");
        assertFalse(INGRESS.trusts("ingress.local"), "names are never looked up");
        assertFalse(INGRESS.trusts(null));
        assertTrue(TrustedProxies.of(List.of("10.1.2.3/12")).trusts("10.15.255.255"), "a prefix not on a byte");
        assertFalse(TrustedProxies.of(List.of("10.1.2.3/12")).trusts("10.16.0.0"));
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("203.0.113.9"));
    }

    @Test
    void theClientIsTheNearestHopThatIsNoTrustedProxyWhateverTheClientPrependedItself() {
        assertEquals("198.51.100.7", INGRESS.client("10.244.1.9", "6.6.6.6, 198.51.100.7"));
        assertEquals("198.51.100.7", INGRESS.client("10.244.1.9", "6.6.6.6, 198.51.100.7, 10.244.8.8"));
        assertEquals("2001:db8::7", INGRESS.client("fd00:ab::9", "2001:db8::7"));
        // Not from a trusted proxy: the header is the client's own claim and ignored.
        assertEquals("203.0.113.9", INGRESS.client("203.0.113.9", "198.51.100.7"));
        assertEquals("10.244.1.9", INGRESS.client("10.244.1.9", null));
        assertEquals("10.244.1.9", INGRESS.client("10.244.1.9", " , "));
        assertEquals("10.244.1.9", INGRESS.client("10.244.1.9", "10.244.2.2"), "only proxies: the peer");
        assertEquals("10.244.1.9", INGRESS.client("10.244.1.9", "not-an-address"), "no address: the peer");
        assertEquals("203.0.113.9", TrustedProxies.none().client("203.0.113.9", "198.51.100.7"));
    }

    @Test
    void anEntryThatIsNoAddressOrRangeIsRefused() {
        for (String bad : List.of("ingress-nginx", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "10.0.0", "*")) {
            assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of(bad)), bad);
        }
        assertTrue(TrustedProxies.of(List.of(" ", "127.0.0.1 ")).trusts("127.0.0.1"), "blanks and spaces ignored");
    }
}
