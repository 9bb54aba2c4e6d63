package dev.embargo.intake.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Who the client is for rate limiting: the peer, or the X-Forwarded-For hop before the trusted proxies. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String resolve(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .toList();
        // Walk from the nearest hop back; the first address not of a trusted proxy is the client.
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!trustedProxies.contains(hop)) {
                return hop.length() > 64 ? peer : hop;
            }
        }
        return peer;
    }
}
