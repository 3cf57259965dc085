package dev.chatroute.internal.guard;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.config.SecuritySettings;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.HttpCall;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses cross-site POSTs (CSRF): one whose {@code Origin} is neither the application's own (same
 * scheme, host and port; see {@link SiteOrigin#own}) nor in {@code chatroute.csrf.allowed-origins},
 * or, without an Origin, one that says {@code Sec-Fetch-Site: cross-site}. Calls without either
 * header (curl, server to server) pass. Allowed origins get CORS headers, and their preflights an
 * answer. With {@code chatroute.csrf.allowed-hosts}, a call for any other host is refused first:
 * a DNS-rebinding page is same-origin with itself, so only the host it names gives it away.
 */
public final class CrossSiteGuard {

    private static final String EXPOSED = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy";

    private final Set<SiteOrigin> allowedOrigins;
    private final AllowedHosts allowedHosts;
    private final TrustedProxies proxies;

    private CrossSiteGuard(Set<String> allowedOrigins, AllowedHosts allowedHosts, TrustedProxies proxies) {
        Set<SiteOrigin> origins = new HashSet<>();
        for (String origin : allowedOrigins) {
            SiteOrigin parsed = SiteOrigin.parse(origin); // SecuritySettings let only parsable ones through
            if (parsed != null) {
                origins.add(parsed);
            }
        }
        this.allowedOrigins = Set.copyOf(origins);
        this.allowedHosts = allowedHosts;
        this.proxies = proxies;
    }

    public static CrossSiteGuard of(SecuritySettings security) {
        return new CrossSiteGuard(security.allowedOrigins(), security.allowedHosts(), security.trustedProxies());
    }

    /**
     * Refuses a call for a host not in {@code chatroute.csrf.allowed-hosts} (403 {@code host_not_allowed}).
     * The host is the one the browser called, as for the app's own origin.
     */
    public void checkHost(HttpCall call) {
        if (allowedHosts.isAny()) {
            return;
        }
        SiteOrigin own = SiteOrigin.own(call, proxies);
        if (own == null || !allowedHosts.allows(own)) {
            throw ContractError.HOST_NOT_ALLOWED.error().toException();
        }
    }

    /** Checks a call; returns the CORS headers its response needs (none for same-origin calls). */
    public Map<String, String> check(HttpCall call) {
        String origin = single(call, "Origin");
        if (origin == null) {
            if (saysCrossSite(call)) {
                throw refused("This call came from another site, which the server does not allow");
            }
            return Map.of();
        }
        if (isOwn(origin, call)) {
            return Map.of();
        }
        if (isAllowed(origin)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", EXPOSED);
            headers.put("Vary", "Origin");
            return headers;
        }
        throw refused("Calls from " + clip(origin) + " are not allowed; the server's chatroute.csrf.allowed-origins "
                + "lists the sites that may call");
    }

    /** Answers a CORS preflight ({@code OPTIONS}); returns the headers of its 204. */
    public Map<String, String> preflight(HttpCall call) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Allow", "POST, OPTIONS");
        String origin = single(call, "Origin");
        if (origin == null || isOwn(origin, call)) {
            return headers;
        }
        if (!isAllowed(origin)) {
            throw refused("Calls from " + clip(origin) + " are not allowed");
        }
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "Content-Type, Accept, X-Request-Id");
        headers.put("Access-Control-Max-Age", "600");
        headers.put("Vary", "Origin");
        return headers;
    }

    /** Whether any line (or list item) of {@code Sec-Fetch-Site} says {@code cross-site}: a forger adds, never removes. */
    private static boolean saysCrossSite(HttpCall call) {
        for (String line : call.headers("Sec-Fetch-Site")) {
            for (String item : line.split(",")) {
                if ("cross-site".equalsIgnoreCase(item.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The header's one line, or null; a browser sends one Origin, so two lines are refused outright. */
    private static String single(HttpCall call, String name) {
        List<String> lines = call.headers(name);
        if (lines.size() > 1) {
            throw refused("The call has more than one " + name + " header");
        }
        return lines.isEmpty() ? null : lines.get(0);
    }

    /** Whether the Origin is the application's own: same scheme, host and port ("null" never is). */
    private boolean isOwn(String origin, HttpCall call) {
        SiteOrigin theirs = SiteOrigin.parse(origin);
        return theirs != null && theirs.equals(SiteOrigin.own(call, proxies));
    }

    private boolean isAllowed(String origin) {
        SiteOrigin theirs = SiteOrigin.parse(origin);
        return theirs != null && allowedOrigins.contains(theirs);
    }

    private static ApiErrorException refused(String message) {
        return ContractError.CROSS_SITE_REQUEST.error(message).toException();
    }

    private static String clip(String origin) {
        return origin.length() <= 100 ? origin : origin.substring(0, 100) + "...";
    }
}
