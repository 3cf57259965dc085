package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.cost.Prices;
import dev.chatroute.internal.openai.ProviderProfile;
import dev.chatroute.spi.Capability;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code chatroute.providers.<name>.*}: one upstream provider.
 *
 * @param headers sent on every call ({@code .headers.<Header-Name>}); values may be secrets
 * @param proxy how the provider is reached ({@code .proxy})
 * @param trustStore what its TLS certificate is checked against ({@code .truststore}); null for the JVM's
 * @param capabilities what it honours ({@code .capabilities}); null for what its profile documents
 */
public record ProviderSettings(String name, String type, URI baseUrl, Secret apiKey, Duration tokenDelay,
        String profile, Prices prices, Map<String, Secret> headers, ProxySetting proxy, TrustStore trustStore,
        Set<Capability> capabilities) {

    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    public static final String DEMO = "demo";

    static ProviderSettings read(ConfigReader r, String name) {
        String prefix = "chatroute.providers." + name + ".";
        // The built-in "demo" provider may be tuned (token-delay) without restating its type.
        String type = r.string(prefix + "type").or(() -> name.equals(DEMO) ? java.util.Optional.of(DEMO)
                : java.util.Optional.empty()).orElseThrow(() -> new InvalidConfigException(prefix + "type",
                "is required: " + OPENAI_COMPATIBLE + " or " + DEMO));
        r.oneOf(prefix + "type", type, Set.of(OPENAI_COMPATIBLE, DEMO));
        URI baseUrl = null;
        String profileName = r.oneOf(prefix + "profile", ProviderProfile.DEFAULT, ProviderProfile.names());
        ProviderProfile profile = ProviderProfile.named(profileName);
        Secret key = Secret.read(r, prefix + "api-key").orElse(null);
        if (type.equals(OPENAI_COMPATIBLE)) {
            String url = r.string(prefix + "base-url").or(() -> java.util.Optional.ofNullable(profile.defaultBaseUrl()))
                    .orElseThrow(() -> new InvalidConfigException(prefix + "base-url",
                            "is required for a provider of type " + OPENAI_COMPATIBLE + " with profile " + profileName));
            baseUrl = parseBaseUrl(prefix + "base-url", url);
            if (key == null && profile.keyRequired()) {
                throw new InvalidConfigException(prefix + "api-key", "is required by profile " + profileName);
            }
        }
        Duration delay = r.duration(prefix + "token-delay", Duration.ofMillis(25));
        return new ProviderSettings(name, type, baseUrl, key, delay, profileName, Prices.read(r, prefix + "prices"),
                ProviderHeaders.read(r, prefix + "headers."), ProxySetting.read(r, prefix + "proxy"),
                TrustStore.read(r, prefix).orElse(null),
                ProviderCapabilities.read(r, prefix + "capabilities").orElse(null));
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + " " + type + (baseUrl == null ? "" : " " + SafeUrl.of(baseUrl))
                + " profile=" + profile + (headers.isEmpty() ? "" : " headers=" + headers.keySet())
                + (capabilities == null ? "" : " capabilities=" + capabilities) + "]";
    }

    /**
     * The base URL, checked. No message quotes its user-info or query, where credentials hide: a
     * query is allowed (some gateways take a token there) and kept, but never shown.
     */
    private static URI parseBaseUrl(String key, String url) {
        String shown = SafeUrl.of(url);
        try {
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            URI uri = new URI((path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                    + (q < 0 ? "" : url.substring(q)));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw ConfigReader.bad(key, shown, "must be an http:// or https:// URL, such as https://api.openai.com/v1");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidConfigException(key, "must not carry credentials; set api-key instead");
            }
            if (uri.getRawFragment() != null) {
                throw ConfigReader.bad(key, shown, "must not end in a #fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConfigReader.bad(key, shown, "is not a valid URL");
        }
    }
}
