package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.openai.ProviderProfile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** {@code chatroute.providers.<name>.*}: one upstream provider. */
public record ProviderSettings(String name, String type, URI baseUrl, Secret apiKey, Duration tokenDelay,
        String profile) {

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
        Secret key = r.string(prefix + "api-key").map(Secret::new).orElse(null);
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
        return new ProviderSettings(name, type, baseUrl, key, delay, profileName);
    }

    private static URI parseBaseUrl(String key, String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw ConfigReader.bad(key, url, "must be an http:// or https:// URL, such as https://api.openai.com/v1");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidConfigException(key, "must not carry credentials; set api-key instead");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConfigReader.bad(key, url, "is not a valid URL");
        }
    }
}
