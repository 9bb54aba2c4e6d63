package dev.embargo.notification.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SSRF guard for webhook URLs. The host is resolved (numeric shorthands such as {@code 0x7f.1} or
 * {@code 2130706433} decoded first) and refused if any address is loopback, link-local (including the cloud metadata
 * address), private, unique-local, carrier-grade NAT, multicast or unspecified, unless the configuration allows it.
 * Checked on registration and again before every delivery (DNS may have changed since).
 */
@ApplicationScoped
public class WebhookTargets {

    /**
     * One code for every refusal that depends on name resolution (no such name, or a name that resolves to a forbidden
     * address): telling them apart would let a member probe which internal host names exist.
     */
    static final String NOT_ALLOWED = "target-not-allowed";

    /** Why a target was refused; the code is safe to show, it never repeats the URL. */
    public static class Refused extends Exception {
        private final String code;

        Refused(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final WebhookConfig config;

    WebhookTargets(WebhookConfig config) {
        this.config = config;
    }

    /** The URL, checked. */
    public URI check(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new Refused("invalid-url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("scheme-not-allowed");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("invalid-url");
        }
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI does not read shorthands like 0x7f.1 as a host; classify them to say why, then refuse.
            String authority = uri.getRawAuthority();
            if (authority != null) {
                Optional<InetAddress> numeric = numericIpv4(authority.replaceFirst(":\\d*$", ""));
                if (numeric.isPresent() && forbidden(numeric.get())) {
                    throw new Refused(NOT_ALLOWED);
                }
            }
            throw new Refused("invalid-host");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress address : resolve(literal.toLowerCase(Locale.ROOT))) {
            if (!allowed(literal, port, address)) {
                throw new Refused(NOT_ALLOWED);
            }
        }
        return uri;
    }

    private boolean allowed(String hostLiteral, int port, InetAddress address) {
        if (!forbidden(address) || config.allowPrivate()) {
            return true;
        }
        for (String entry : config.allowedTargets().orElse(List.of())) {
            String e = entry.trim();
            if (e.contains("/")) {
                if (inCidr(address, e)) {
                    return true;
                }
            } else if (e.equalsIgnoreCase(hostLiteral + ":" + port)
                    || e.equalsIgnoreCase("[" + hostLiteral + "]:" + port)) {
                return true;
            }
        }
        return false;
    }

    private static List<InetAddress> resolve(String host) throws Refused {
        Optional<InetAddress> numeric = numericIpv4(host);
        if (numeric.isPresent()) {
            return List.of(numeric.get());
        }
        if (host.isEmpty() || !host.matches("[a-z0-9.:-]+")) {
            throw new Refused("invalid-host");
        }
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused(NOT_ALLOWED);
        }
    }

    /** Reads inet_aton forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); empty if not numeric. */
    static Optional<InetAddress> numericIpv4(String host) {
        if (!host.matches("[0-9a-fA-FxX.]+") || !Character.isDigit(host.charAt(0)) || host.endsWith(".")) {
            return Optional.empty();
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= (1L << (8 * (5 - values.length)))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = { (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address };
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Addresses a webhook must not reach without an explicit exception. */
    static boolean forbidden(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc; // fc00::/7, includes fd00:ec2::254 (metadata)
            boolean mappedOrCompatible = isIpv4Embedded(b);
            return uniqueLocal || mappedOrCompatible;
        }
        return false;
    }

    private static boolean isIpv4Embedded(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address a client may connect to; refuse rather than guess.
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    static boolean inCidr(InetAddress address, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] a = address.getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (net.length != a.length) {
                return false;
            }
            for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((a[i] & mask) != (net[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
