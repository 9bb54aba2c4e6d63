package dev.embargo.notification.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    static WebhookTargets targets(boolean allowPrivate, String... allowed) {
        return new WebhookTargets(new WebhookConfig() {
            @Override
            public boolean allowPrivate() {
                return allowPrivate;
            }

            @Override
            public Optional<List<String>> allowedTargets() {
                return Optional.of(List.of(allowed));
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }
        });
    }

    @Test
    void decodesNumericShorthandsOfIpv4Addresses() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), WebhookTargets.numericIpv4("2130706433").orElseThrow());
        assertEquals(InetAddress.getByName("127.0.0.1"), WebhookTargets.numericIpv4("0x7f.1").orElseThrow());
        assertEquals(InetAddress.getByName("127.0.0.1"), WebhookTargets.numericIpv4("0177.0.0.1").orElseThrow());
        assertEquals(InetAddress.getByName("10.0.0.5"), WebhookTargets.numericIpv4("10.5").orElseThrow());
        assertTrue(WebhookTargets.numericIpv4("hooks.example.org").isEmpty());
        assertTrue(WebhookTargets.numericIpv4("256.1.1.1").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/", "http://0x7f.1/",
            "http://2130706433/", "http://localhost/", "http://192.168.1.1/", "http://172.16.0.1/", "http://[fc00::1]/",
            "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/", "http://0.0.0.0/", "http://100.64.0.1/",
            "http://[fe80::1]/", "file:///etc/passwd", "gopher://127.0.0.1/" })
    void refusesPrivateAndSpecialTargets(String url) {
        assertThrows(WebhookTargets.Refused.class, () -> targets(false).check(url));
    }

    @Test
    void allowsOnlyTheExactHostAndPortOrRangeConfigured() throws Exception {
        WebhookTargets narrow = targets(false, "127.0.0.1:8099", "10.20.0.0/16");
        narrow.check("http://127.0.0.1:8099/hook");
        narrow.check("http://10.20.3.4/hook");
        assertThrows(WebhookTargets.Refused.class, () -> narrow.check("http://127.0.0.1:8098/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> narrow.check("http://localhost:8099/hook"));
        assertThrows(WebhookTargets.Refused.class, () -> narrow.check("http://10.21.0.1/hook"));
        targets(true).check("http://127.0.0.1/hook");
    }

    @Test
    void publicAddressesPass() throws Exception {
        targets(false).check("https://93.184.215.14/hook");
        assertFalse(WebhookTargets.forbidden(InetAddress.getByName("8.8.8.8")));
    }
}
