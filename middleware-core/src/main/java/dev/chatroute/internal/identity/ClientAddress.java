package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import java.util.List;

/**
 * The caller's address: the peer's, or, when the peer is a trusted proxy, the right-most
 * {@code X-Forwarded-For} entry (over all its lines) that is not itself a trusted proxy; entries
 * further left are the client's own word and can be forged. A hop that is not a literal address
 * ("unknown", a name) ends the walk: the caller is then the trusted proxy that wrote it, and no
 * name is ever looked up. Addresses come back canonical ({@link IpAddress#format}).
 */
public final class ClientAddress {

    /**
     * The walk's result: the caller, and how many trusted proxies forwarded the call (0 when the
     * peer is not trusted; at least 1, the peer, when it is).
     */
    record Walk(byte[] client, int proxies) {
    }

    private ClientAddress() {
    }

    /** The caller's canonical address, or null when the container gave none that parses. */
    public static String of(HttpCall call, TrustedProxies proxies) {
        byte[] client = bytes(call, proxies);
        return client == null ? null : IpAddress.format(client);
    }

    /** The caller's address bytes (4 or 16), or null when unknown. */
    public static byte[] bytes(HttpCall call, TrustedProxies proxies) {
        return walk(call, proxies).client();
    }

    /**
     * How many trusted proxies forwarded the call: 0 when the peer is not trusted, else the peer and
     * the trusted {@code X-Forwarded-For} hops to its left. Each may have added one value to a
     * forwarding header, so the outermost one's value is this many from the right.
     */
    public static int trustedForwarders(HttpCall call, TrustedProxies proxies) {
        return walk(call, proxies).proxies();
    }

    static Walk walk(HttpCall call, TrustedProxies proxies) {
        byte[] peer = IpAddress.parse(call.remoteAddress());
        if (!proxies.trustsAddress(peer)) {
            return new Walk(peer, 0);
        }
        List<String> hops = HeaderLines.elements(call, "X-Forwarded-For");
        byte[] nearest = peer;
        int forwarded = 1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddress.parseHop(hops.get(i));
            if (hop == null) {
                return new Walk(nearest, forwarded); // garbage: believe only the proxy that wrote it
            }
            if (!proxies.trustsAddress(hop)) {
                return new Walk(hop, forwarded);
            }
            nearest = hop;
            forwarded++;
        }
        // Every hop is trusted: the left-most is the client itself (on the trusted network), not a proxy.
        return new Walk(nearest, Math.max(1, forwarded - 1));
    }
}
