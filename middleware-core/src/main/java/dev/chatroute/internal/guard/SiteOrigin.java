package dev.chatroute.internal.guard;

import dev.chatroute.internal.identity.ClientAddress;
import dev.chatroute.internal.identity.HeaderLines;
import dev.chatroute.internal.identity.IpAddress;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.HttpCall;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An origin as RFC 6454 compares them: scheme, host and port, the port filled in from the scheme
 * ({@code https://h} is {@code https://h:443}).
 */
public record SiteOrigin(String scheme, String host, int port) {

    /** An {@code Origin} header's origin, or null for {@code null}, other opaque origins and bad text. */
    public static SiteOrigin parse(String origin) {
        if (origin == null) {
            return null;
        }
        int sep = origin.indexOf("://");
        if (sep < 0) {
            return null;
        }
        String scheme = origin.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        String rest = origin.substring(sep + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1); // not what browsers send, but harmless
        }
        if (rest.isEmpty() || rest.indexOf('/') >= 0 || rest.indexOf('@') >= 0) {
            return null;
        }
        HostPort authority = HostPort.parse(rest);
        return authority == null ? null
                : new SiteOrigin(scheme, authority.host(), authority.portOr(HostPort.defaultPort(scheme)));
    }

    /**
     * The application's own origin as the browser called it: the scheme the container received the
     * call on and its {@code Host}, or, from a trusted proxy, what the proxy says the browser called:
     * RFC 7239 {@code Forwarded} ({@code proto}, {@code host}), else {@code X-Forwarded-Proto},
     * {@code X-Forwarded-Host} and {@code X-Forwarded-Port}. Null when there is no usable host.
     */
    static SiteOrigin own(HttpCall call, TrustedProxies proxies) {
        String scheme = lower(call.scheme());
        String host = call.header("Host");
        String port = null;
        int forwarders = ClientAddress.trustedForwarders(call, proxies);
        if (forwarders > 0) {
            scheme = or(lower(outermost(HeaderLines.elements(call, "X-Forwarded-Proto"), forwarders)), scheme);
            String forwardedHost = outermost(HeaderLines.elements(call, "X-Forwarded-Host"), forwarders);
            port = outermost(HeaderLines.elements(call, "X-Forwarded-Port"), forwarders);
            host = or(forwardedHost, host);
            Map<String, String> forwarded = believed(call, proxies);
            if (forwarded.containsKey("proto")) {
                scheme = lower(forwarded.get("proto"));
            }
            if (forwarded.containsKey("host")) {
                host = forwarded.get("host");
                port = null; // Forwarded's host carries its own port, or the scheme's default
            }
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        HostPort authority = HostPort.parse(host);
        if (authority == null) {
            return null;
        }
        int number = port != null ? HostPort.port(port) : authority.portOr(HostPort.defaultPort(scheme));
        return number < 0 ? null : new SiteOrigin(scheme, authority.host(), number);
    }

    /**
     * The value the outermost trusted proxy added: each of the {@code forwarders} trusted proxies
     * may have appended one, so it is that many from the right; a proxy that replaced the header
     * instead left one value. Values further left came from the client.
     */
    private static String outermost(List<String> values, int forwarders) {
        return values.isEmpty() ? null : values.get(Math.max(0, values.size() - forwarders));
    }

    /**
     * {@code Forwarded}'s parameters as the outermost trusted proxy gave them. The right-most element
     * is the peer's; when an element's {@code for} (who that proxy heard from) is a trusted proxy too,
     * that proxy added the element to its left, so the walk goes on; the left-most element reached wins.
     */
    private static Map<String, String> believed(HttpCall call, TrustedProxies proxies) {
        List<Map<String, String>> elements = ForwardedHeader.elements(call.headers("Forwarded"));
        Map<String, String> believed = new HashMap<>();
        for (int i = elements.size() - 1; i >= 0; i--) {
            Map<String, String> element = elements.get(i);
            element.forEach((name, value) -> {
                if (name.equals("proto") || name.equals("host")) {
                    believed.put(name, value);
                }
            });
            byte[] from = IpAddress.parseHop(element.get("for"));
            if (!proxies.trustsAddress(from)) {
                break;
            }
        }
        return believed;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String or(String first, String second) {
        return first != null ? first : second;
    }
}
