package dev.chatroute.internal.admin;

import dev.chatroute.ApiError;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.config.SecuritySettings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.identity.ClientAddress;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import java.util.Set;

/**
 * Who may read usage reports ({@code chatroute.admin-role}) and scrape metrics
 * ({@code chatroute.metrics.allowed-addresses}). Both judge the caller's address after trusted-proxy
 * handling ({@link ClientAddress}): behind a reverse proxy on the same host every peer is that proxy,
 * so judging the socket alone would let anyone the proxy serves in as "loopback".
 */
public final class AdminAccess {

    public static final String ADMIN_ROLE_KEY = "chatroute.admin-role";
    public static final String METRICS_ADDRESSES_KEY = "chatroute.metrics.allowed-addresses";
    static final String DEFAULT_ADMIN_ROLE = "chatroute-admin";
    static final String DEFAULT_METRICS_ADDRESSES = "127.0.0.0/8, ::1";

    private static final TrustedProxies LOOPBACK = TrustedProxies.parse("loopback", "loopback");

    private final String adminRole;
    private final TrustedProxies metricsAddresses;
    private final IdentityResolver identity;
    private final boolean anonymous;
    private final TrustedProxies trustedProxies;

    private AdminAccess(String adminRole, TrustedProxies metricsAddresses, IdentityResolver identity,
            boolean anonymous, TrustedProxies trustedProxies) {
        this.adminRole = adminRole;
        this.metricsAddresses = metricsAddresses;
        this.identity = identity;
        this.anonymous = anonymous;
        this.trustedProxies = trustedProxies;
    }

    /** @param identity the gateway's own resolver, so an admin is whoever the chat route says they are */
    public static AdminAccess read(ConfigReader r, SecuritySettings security, IdentityResolver identity) {
        String role = r.string(ADMIN_ROLE_KEY, DEFAULT_ADMIN_ROLE).trim();
        if (role.isEmpty()) {
            throw ConfigReader.bad(ADMIN_ROLE_KEY, role, "must name a role");
        }
        TrustedProxies metrics = TrustedProxies.parse(METRICS_ADDRESSES_KEY,
                r.string(METRICS_ADDRESSES_KEY, DEFAULT_METRICS_ADDRESSES));
        return new AdminAccess(role, metrics, identity, SecuritySettings.ANONYMOUS.equals(security.identity()),
                security.trustedProxies());
    }

    /** Null when the caller may read usage reports: holds the admin role, or is loopback in anonymous mode. */
    public ApiError refusalToReadUsage(HttpCall call) {
        if (anonymous && LOOPBACK.trustsAddress(ClientAddress.bytes(call, trustedProxies))) {
            return null;
        }
        Identity who = identity.resolve(call, Set.of(adminRole));
        return who != null && who.roles().contains(adminRole) ? null : ContractError.USAGE_NOT_ALLOWED.error();
    }

    /** Null when the caller's address (after trusted-proxy handling) is in the metrics' allowed addresses. */
    public ApiError refusalToScrapeMetrics(HttpCall call) {
        byte[] caller = ClientAddress.bytes(call, trustedProxies);
        return metricsAddresses.trustsAddress(caller) ? null : ContractError.METRICS_NOT_ALLOWED.error();
    }
}
