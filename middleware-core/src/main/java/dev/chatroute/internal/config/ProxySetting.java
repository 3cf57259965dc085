package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chatroute.providers.<name>.proxy}: how a provider is reached. Unset, the JVM's proxy settings
 * ({@link ProxySelector#getDefault()}: {@code http.proxyHost}, {@code https.proxyHost},
 * {@code http.nonProxyHosts}...), which the JDK's HTTP client would otherwise ignore; {@code off} or
 * {@code none}, a direct connection; {@code host:port}, that HTTP proxy (CONNECT for {@code https://}).
 *
 * @param host null unless this names a proxy
 */
public record ProxySetting(Kind kind, String host, int port) {

    /** Where the address comes from. */
    public enum Kind { JVM, DIRECT, ADDRESS }

    public static final ProxySetting JVM = new ProxySetting(Kind.JVM, null, 0);
    public static final ProxySetting DIRECT = new ProxySetting(Kind.DIRECT, null, 0);

    /** {@code name:port} or {@code [v6]:port}. */
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");

    static ProxySetting read(ConfigReader r, String key) {
        String value = r.string(key).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return JVM;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("none")) {
            return DIRECT;
        }
        if (value.contains("@")) {
            // user:password@host would put a credential in the message: the value is not shown.
            throw new InvalidConfigException(key, "must be host:port, without credentials (the value is not shown)");
        }
        Matcher m = HOST_PORT.matcher(value);
        if (!m.matches()) {
            throw ConfigReader.bad(key, value, "is not host:port (such as proxy.example.com:3128), off or none");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw ConfigReader.bad(key, value, "has a port outside 1-65535");
        }
        return new ProxySetting(Kind.ADDRESS, m.group(1), port);
    }

    /** The selector for this provider's HTTP client. */
    public ProxySelector selector() {
        return switch (kind) {
            case DIRECT -> HttpClient.Builder.NO_PROXY;
            // Unresolved: the name is looked up on each connection, as the JVM's own proxy settings are.
            case ADDRESS -> ProxySelector.of(InetSocketAddress.createUnresolved(
                    host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port));
            case JVM -> ProxySelector.getDefault() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault();
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case JVM -> "the JVM's proxy settings";
            case DIRECT -> "no proxy";
            case ADDRESS -> "proxy " + host + ":" + port;
        };
    }
}
