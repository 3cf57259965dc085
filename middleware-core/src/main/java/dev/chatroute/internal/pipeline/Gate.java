package dev.chatroute.internal.pipeline;

import dev.chatroute.internal.config.SecuritySettings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.guard.CrossSiteGuard;
import dev.chatroute.internal.identity.AnonymousIdentity;
import dev.chatroute.internal.identity.ContainerIdentity;
import dev.chatroute.internal.identity.HeaderIdentity;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks that come before any provider call: cross-site, identity, limits. */
public final class Gate implements AutoCloseable {

    private final CrossSiteGuard crossSite;
    private final IdentityResolver identity;
    private final Limiter limiter;
    private final Set<String> roleNames;

    /**
     * @param modelRoles the roles model aliases are limited to ({@code chatroute.models.<alias>.roles}),
     *     looked up for each caller together with the roles the limits name
     */
    public Gate(CrossSiteGuard crossSite, IdentityResolver identity, Limiter limiter, Set<String> modelRoles) {
        this.crossSite = crossSite;
        this.identity = identity;
        this.limiter = limiter;
        Set<String> names = new TreeSet<>(limiter.roleNames());
        names.addAll(modelRoles);
        this.roleNames = Set.copyOf(names);
    }

    /** The built-in identity resolver that {@code chatroute.identity} names. */
    public static IdentityResolver resolverFor(SecuritySettings s) {
        return switch (s.identity()) {
            case SecuritySettings.HEADER -> new HeaderIdentity(s.userHeader(), s.rolesHeader(), s.trustedProxies());
            case SecuritySettings.ANONYMOUS -> new AnonymousIdentity(s.trustedProxies(), s.anonymousIpv6Prefix());
            default -> new ContainerIdentity();
        };
    }

    /** Refuses a call for a host outside {@code chatroute.csrf.allowed-hosts}, whatever its method. */
    void checkHost(HttpCall call) {
        crossSite.checkHost(call);
    }

    Map<String, String> preflight(HttpCall call) {
        return crossSite.preflight(call);
    }

    Map<String, String> checkCrossSite(HttpCall call) {
        return crossSite.check(call);
    }

    Identity identify(HttpCall call) {
        Identity who = identity.resolve(call, roleNames);
        if (who == null) {
            throw ContractError.UNAUTHENTICATED.error().toException();
        }
        return who;
    }

    Limiter limiter() {
        return limiter;
    }

    @Override
    public void close() {
        limiter.close();
    }
}
