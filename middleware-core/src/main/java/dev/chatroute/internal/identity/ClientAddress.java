package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;

/**
 * The caller's address: the peer's, or, when the peer is a trusted proxy, the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries further left are the
 * client's own word and can be forged).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpCall call, TrustedProxies proxies) {
        String peer = call.remoteAddress();
        if (peer == null || !proxies.trusts(peer)) {
            return peer;
        }
        String forwarded = call.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (TrustedProxies.literal(hop) == null) {
                return peer; // garbage in the chain: believe only what we saw ourselves
            }
            if (!proxies.trusts(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }
}
