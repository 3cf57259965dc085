package dev.chatroute.internal.openai;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What differs between OpenAI-compatible providers ({@code chatroute.providers.<name>.profile}):
 * configuration first, code only where a wire format differs. Stream quirks that every profile
 * meets (no {@code [DONE]} after a finish reason, a first delta without {@code role}, tool-call
 * deltas) are handled by {@link OpenAiCall} for all of them.
 *
 * @param defaultBaseUrl used when {@code base-url} is not set; null where every deployment has its own
 * @param auth how the key is sent
 * @param keyRequired whether a missing {@code api-key} is a start-up error
 * @param streamUsage whether {@code stream_options.include_usage} is sent (some servers refuse unknown
 *     fields); without it, token counts are estimated
 * @param apiVersion a required {@code api-version} query parameter (Azure), or null
 */
public record ProviderProfile(String name, String defaultBaseUrl, Auth auth, boolean keyRequired, boolean streamUsage,
        String apiVersion) {

    /** How a provider expects its key. */
    public enum Auth { BEARER, API_KEY_HEADER }

    private static final Map<String, ProviderProfile> ALL = Map.ofEntries(
            p("openai", "https://api.openai.com/v1", Auth.BEARER, true, true, null),
            p("azure", null, Auth.API_KEY_HEADER, true, false, "2024-10-21"),
            p("groq", "https://api.groq.com/openai/v1", Auth.BEARER, true, true, null),
            p("openrouter", "https://openrouter.ai/api/v1", Auth.BEARER, true, true, null),
            p("deepseek", "https://api.deepseek.com/v1", Auth.BEARER, true, true, null),
            p("mistral", "https://api.mistral.ai/v1", Auth.BEARER, true, false, null),
            p("together", "https://api.together.xyz/v1", Auth.BEARER, true, true, null),
            p("gemini", "https://generativelanguage.googleapis.com/v1beta/openai", Auth.BEARER, true, true, null),
            p("anthropic", "https://api.anthropic.com/v1", Auth.BEARER, true, true, null),
            p("ollama", "http://localhost:11434/v1", Auth.BEARER, false, true, null),
            p("vllm", null, Auth.BEARER, false, true, null),
            p("tgi", null, Auth.BEARER, false, false, null),
            p("litellm", null, Auth.BEARER, false, true, null),
            p("gateway", null, Auth.BEARER, false, true, null));

    public static final String DEFAULT = "gateway";

    private static Map.Entry<String, ProviderProfile> p(String name, String url, Auth auth, boolean keyRequired,
            boolean streamUsage, String apiVersion) {
        return Map.entry(name, new ProviderProfile(name, url, auth, keyRequired, streamUsage, apiVersion));
    }

    public static ProviderProfile named(String name) {
        return ALL.get(name.toLowerCase(Locale.ROOT));
    }

    public static Set<String> names() {
        return ALL.keySet();
    }
}
