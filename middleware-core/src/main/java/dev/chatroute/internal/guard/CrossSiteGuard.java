package dev.chatroute.internal.guard;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.HttpCall;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses cross-site POSTs (CSRF): one whose {@code Origin} is neither the application's own nor in
 * {@code chatroute.csrf.allowed-origins}, or, without an Origin, one that says
 * {@code Sec-Fetch-Site: cross-site}. Calls without either header (curl, server to server) pass.
 * Allowed origins get CORS headers, and their preflights an answer.
 */
public final class CrossSiteGuard {

    private static final String EXPOSED = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy";

    private final Set<String> allowedOrigins;
    private final TrustedProxies proxies;

    public CrossSiteGuard(Set<String> allowedOrigins, TrustedProxies proxies) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.proxies = proxies;
    }

    /** Checks a call; returns the CORS headers its response needs (none for same-origin calls). */
    public Map<String, String> check(HttpCall call) {
        String origin = call.header("Origin");
        if (origin == null) {
            if ("cross-site".equalsIgnoreCase(call.header("Sec-Fetch-Site"))) {
                throw refused("This call came from another site, which the server does not allow");
            }
            return Map.of();
        }
        if (isOwn(origin, call)) {
            return Map.of();
        }
        if (allowedOrigins.contains(origin)) {
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
        String origin = call.header("Origin");
        if (origin == null || isOwn(origin, call)) {
            return headers;
        }
        if (!allowedOrigins.contains(origin)) {
            throw refused("Calls from " + clip(origin) + " are not allowed");
        }
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "Content-Type, Accept, X-Request-Id");
        headers.put("Access-Control-Max-Age", "600");
        headers.put("Vary", "Origin");
        return headers;
    }

    /**
     * Whether the Origin names the host the browser sent this call to. The port defaults by the
     * Origin's scheme on both sides, so a TLS-terminating proxy that forwards plain HTTP still matches.
     */
    private boolean isOwn(String origin, HttpCall call) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" and other opaque origins are never our own
        }
        int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        String host = call.header("Host");
        if (proxies.trusts(call.remoteAddress()) && call.header("X-Forwarded-Host") != null) {
            host = call.header("X-Forwarded-Host").split(",")[0].trim();
        }
        if (host == null) {
            return false;
        }
        String originHost = uri.getHost().toLowerCase(Locale.ROOT);
        if (originHost.startsWith("[") && originHost.endsWith("]")) {
            originHost = originHost.substring(1, originHost.length() - 1);
        }
        String originAuthority = originHost + ":"
                + (uri.getPort() < 0 ? defaultPort : uri.getPort());
        return originAuthority.equals(authority(host.toLowerCase(Locale.ROOT), defaultPort));
    }

    private static String authority(String host, int defaultPort) {
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > close && (close >= 0 || host.indexOf(':') == colon);
        String name = hasPort ? host.substring(0, colon) : host;
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name + ":" + (hasPort ? host.substring(colon + 1) : String.valueOf(defaultPort));
    }

    private static ApiErrorException refused(String message) {
        return ContractError.CROSS_SITE_REQUEST.error(message).toException();
    }

    private static String clip(String origin) {
        return origin.length() <= 100 ? origin : origin.substring(0, 100) + "...";
    }
}
