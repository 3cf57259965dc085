package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Set;

/**
 * {@code chatroute.identity=anonymous}: callers are told apart by their address only, in canonical
 * form (so {@code 001.2.3.4} and {@code ::ffff:1.2.3.4} are {@code 1.2.3.4}). An IPv6 caller is its
 * network ({@code chatroute.identity.anonymous.ipv6-prefix}, default /64): one host usually holds a
 * whole /64 and can pick a fresh address, and so fresh limits, for every call.
 */
public final class AnonymousIdentity implements IdentityResolver {

    public static final int DEFAULT_IPV6_PREFIX = 64;

    private final TrustedProxies proxies;
    private final int ipv6Prefix;

    public AnonymousIdentity(TrustedProxies proxies) {
        this(proxies, DEFAULT_IPV6_PREFIX);
    }

    public AnonymousIdentity(TrustedProxies proxies, int ipv6Prefix) {
        this.proxies = proxies;
        this.ipv6Prefix = ipv6Prefix;
    }

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        return Identity.of("anon:" + name(ClientAddress.bytes(call, proxies)));
    }

    private String name(byte[] address) {
        if (address == null) {
            return "unknown";
        }
        if (address.length == 4 || ipv6Prefix >= 128) {
            return IpAddress.format(address);
        }
        return IpAddress.format(IpAddress.network(address, ipv6Prefix)) + "/" + ipv6Prefix;
    }
}
