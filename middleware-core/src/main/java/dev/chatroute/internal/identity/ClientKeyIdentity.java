package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Set;

/**
 * Identity with client keys configured: a container principal first (the app's SSO always wins),
 * then a matching client key, else the configured mode. Any route (the chat endpoint, a facade)
 * gets the same answer by resolving through this.
 */
public final class ClientKeyIdentity implements IdentityResolver {

    private final ClientKeys keys;
    private final IdentityResolver mode;
    private final ContainerIdentity container = new ContainerIdentity();

    private ClientKeyIdentity(ClientKeys keys, IdentityResolver mode) {
        this.keys = keys;
        this.mode = mode;
    }

    /** {@code mode} itself when no client key is configured, so nothing changes for those deployments. */
    public static IdentityResolver wrap(ClientKeys keys, IdentityResolver mode) {
        return keys.isEmpty() ? mode : new ClientKeyIdentity(keys, mode);
    }

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        Identity signedIn = container.resolve(call, roleNames);
        if (signedIn != null) {
            return signedIn;
        }
        Identity client = keys.match(call);
        return client != null ? client : mode.resolve(call, roleNames);
    }
}
