package dev.chatroute.internal.identity;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code chatroute.identity=header}: a user name in a header set by a trusted SSO proxy (such as
 * oauth2-proxy's {@code X-Forwarded-User}), with roles from a comma-separated groups header. The
 * headers are believed only when the call comes straight from a trusted proxy; from anyone else
 * they are forgeable, and the call has no identity. A user header sent more than once has no
 * identity either: a proxy that adds its own line below the client's would otherwise leave it to
 * the adapter which line wins. The groups header is a list: every line counts, in order.
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
        List<String> users = call.headers(userHeader);
        if (users.size() != 1 || users.get(0).isBlank()) {
            return null;
        }
        Set<String> held = HeaderLines.elements(call, rolesHeader).stream().filter(roleNames::contains)
                .collect(Collectors.toSet());
        return new Identity(users.get(0).trim(), held);
    }
}
