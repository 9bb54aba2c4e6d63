package dev.embargo.platform.proxies;

import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * The reverse proxies (an ingress) whose {@code X-Forwarded-For} a service believes, as single addresses or CIDR ranges
 * ({@code 10.0.0.7}, {@code 10.244.0.0/16}, {@code fd00::/8}), and the real client behind them. Pod addresses change
 * with every restart, so behind a Kubernetes ingress only a range names the proxies. Entries and hops are parsed as IP
 * literals only (Netty's parser, never a name lookup), so a forged header cannot make the service resolve anything.
 */
public final class TrustedProxies {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Nobody is trusted: the peer is the client. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses the configured entries; an entry that is neither an IP address nor a CIDR range is refused, so a typo
     * cannot silently trust nobody (or everybody).
     */
    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(
                entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(TrustedProxies::range).toList());
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = address(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR range");
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("trusted proxy '" + entry + "' has an invalid prefix length");
            }
        }
        return new Range(network, prefix);
    }

    /** The address as 4 (IPv4, also an IPv4-mapped IPv6 address) or 16 bytes; null when it is no IP literal. */
    static byte[] address(String text) {
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty() || literal.length() > 64) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** Whether the address is one of the trusted proxies. */
    public boolean trusts(String address) {
        byte[] bytes = address == null ? null : address(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /**
     * The client: the peer, unless the peer is a trusted proxy; then, walking {@code X-Forwarded-For} from the nearest
     * hop back, the first hop that is not a trusted proxy (hops further left are whatever the client claimed, and are
     * ignored). When every hop is a proxy, or the nearest untrusted hop is no address, the peer.
     */
    public String client(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!trusts(hop)) {
                return address(hop) == null ? peer : hop;
            }
        }
        return peer;
    }
}
