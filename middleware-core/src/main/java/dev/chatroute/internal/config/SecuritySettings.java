package dev.chatroute.internal.config;

import dev.chatroute.internal.guard.AllowedHosts;
import dev.chatroute.internal.guard.SiteOrigin;
import dev.chatroute.internal.identity.AnonymousIdentity;
import dev.chatroute.internal.identity.TrustedProxies;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Who may call, and from where: {@code chatroute.identity*} and {@code chatroute.csrf.*}. */
public record SecuritySettings(
        String identity,
        String userHeader,
        String rolesHeader,
        TrustedProxies trustedProxies,
        Set<String> allowedOrigins,
        AllowedHosts allowedHosts,
        int anonymousIpv6Prefix) {

    public static final String CONTAINER = "container";
    public static final String HEADER = "header";
    public static final String ANONYMOUS = "anonymous";

    static SecuritySettings read(ConfigReader r) {
        String proxiesKey = "chatroute.identity.trusted-proxies";
        String hostsKey = "chatroute.csrf.allowed-hosts";
        Set<String> origins = new LinkedHashSet<>();
        String originsKey = "chatroute.csrf.allowed-origins";
        String originsValue = r.string(originsKey, "");
        Arrays.stream(originsValue.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(origin -> {
            if (!origin.matches("https?://[^/\\s]+") || SiteOrigin.parse(origin) == null) {
                throw ConfigReader.bad(originsKey, originsValue, "must list origins such as https://app.example.com "
                        + "(scheme and host, no path); '" + origin + "' is not one");
            }
            origins.add(origin);
        });
        return new SecuritySettings(
                r.oneOf("chatroute.identity", CONTAINER, Set.of(CONTAINER, HEADER, ANONYMOUS)),
                r.string("chatroute.identity.header", "X-Forwarded-User"),
                r.string("chatroute.identity.roles-header", "X-Forwarded-Groups"),
                TrustedProxies.parse(proxiesKey, r.string(proxiesKey, "loopback")),
                Set.copyOf(origins),
                AllowedHosts.parse(hostsKey, r.string(hostsKey, "")),
                r.integer("chatroute.identity.anonymous.ipv6-prefix", AnonymousIdentity.DEFAULT_IPV6_PREFIX, 1, 128));
    }
}
