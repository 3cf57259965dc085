package dev.chatroute.internal.facade;

import dev.chatroute.internal.config.ConfigReader;

/**
 * {@code chatroute.openai.enabled} and {@code chatroute.openai.path}: whether the OpenAI-compatible
 * facade is served (off unless asked for, since it opens a second way in), and where the servlet
 * filter serves it. The JAX-RS resource always sits at {@code v1} below the application path.
 */
public record FacadeSettings(boolean enabled, String path) {

    public static final String DEFAULT_PATH = "/v1";

    public static FacadeSettings read(ConfigReader r) {
        boolean enabled = r.bool("chatroute.openai.enabled", false);
        String path = r.string("chatroute.openai.path", DEFAULT_PATH).trim();
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw ConfigReader.bad("chatroute.openai.path", path, "must start with / and not end with one, as /v1 does");
        }
        return new FacadeSettings(enabled, path);
    }
}
