package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code chatroute.identity=header}: a user name in a header set by a trusted SSO proxy (such as
 * oauth2-proxy's {@code X-Forwarded-User}), with roles from a comma-separated groups header. The
 * headers are believed only when the call comes straight from a trusted proxy; from anyone else
 * they are forgeable, and the call has no identity.
 */
public final class HeaderIdentity implements IdentityResolver {

    private final String userHeader;
    private final String rolesHeader;
    private final TrustedProxies proxies;

    public HeaderIdentity(String userHeader, String rolesHeader, TrustedProxies proxies) {
        this.userHeader = userHeader;
        this.rolesHeader = rolesHeader;
        this.proxies = proxies;
    }

    @Override
    public Identity resolve(HttpCall call, Set<String> roleNames) {
        if (!proxies.trusts(call.remoteAddress())) {
            return null;
        }
        String user = call.header(userHeader);
        if (user == null || user.isBlank()) {
            return null;
        }
        String groups = call.header(rolesHeader);
        Set<String> held = groups == null ? Set.of()
                : Arrays.stream(groups.split(",")).map(String::trim).filter(roleNames::contains)
                        .collect(Collectors.toSet());
        return new Identity(user.trim(), held);
    }
}
