package dev.chatroute.testing;

import dev.chatroute.ChatrouteConfig;

/**
 * The configuration tests give a gateway over {@link FakeProvider}s, written once: it reads no
 * environment, each fake is a provider of type {@code openai-compatible}, and {@code key=value}
 * settings override anything.
 */
public final class FakeConfig {

    private FakeConfig() {
    }

    /** A configuration that reads no environment variables, so that the machine's never leak in. */
    public static ChatrouteConfig.Builder config() {
        return ChatrouteConfig.builder().environment(name -> null);
    }

    /**
     * Providers {@code a} and {@code b} over these fakes, {@code default = a/m1, b/m2}, and two
     * tries per target with millisecond delays, so that a failure on {@code a} moves on quickly.
     */
    public static ChatrouteConfig.Builder twoProviders(FakeProvider a, FakeProvider b) {
        ChatrouteConfig.Builder config = provider(config(), "a", a);
        return provider(config, "b", b)
                .put("chatroute.models.default", "a/m1, b/m2")
                .put("chatroute.retry.max-attempts", "2")
                .put("chatroute.retry.initial-delay", "10ms")
                .put("chatroute.retry.max-delay", "10ms");
    }

    /** Adds provider {@code name}, of type {@code openai-compatible}, at {@code fake}'s address. */
    public static ChatrouteConfig.Builder provider(ChatrouteConfig.Builder config, String name, FakeProvider fake) {
        return config.put("chatroute.providers." + name + ".type", "openai-compatible")
                .put("chatroute.providers." + name + ".base-url", fake.baseUrl().toString());
    }

    /** Puts each {@code key=value} setting, over whatever the key held. */
    public static ChatrouteConfig.Builder settings(ChatrouteConfig.Builder config, String... settings) {
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            config.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return config;
    }
}
