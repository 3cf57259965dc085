package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Set;

/** {@code chatroute.identity=anonymous}: callers are told apart by their address only. */
public final class AnonymousIdentity implements IdentityResolver {

    private final TrustedProxies proxies;

    public AnonymousIdentity(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        String address = ClientAddress.of(call, proxies);
        return Identity.of("anon:" + (address == null ? "unknown" : address));
    }
}
