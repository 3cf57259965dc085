package dev.chatroute.spi;

import java.util.Set;

/**
 * Tells who made a call. Chatroute ships {@code container}, {@code header} and {@code anonymous}
 * resolvers ({@code chatroute.identity}); an application can supply its own.
 */
@FunctionalInterface
public interface IdentityResolver {

    /**
     * @param roleNames the role names the configuration mentions; report which the caller holds
     * @return the caller, or null when the call carries no identity (it is then refused with 401)
     */
    Identity resolve(HttpCall call, Set<String> roleNames);
}
