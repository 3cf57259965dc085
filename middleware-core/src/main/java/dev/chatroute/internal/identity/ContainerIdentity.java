package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code chatroute.identity=container}: the principal and roles the application's SSO set. */
public final class ContainerIdentity implements IdentityResolver {

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        String user = call.principalName();
        if (user == null || user.isBlank()) {
            return null;
        }
        return new Identity(user, roleNames.stream().filter(call::isUserInRole).collect(Collectors.toSet()));
    }
}
