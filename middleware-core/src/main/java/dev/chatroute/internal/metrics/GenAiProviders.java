package dev.chatroute.internal.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry GenAI conventions' {@code gen_ai.provider.name} of each configured provider:
 * the conventions' value where its profile maps to one, else the provider's configured name.
 * Shared by the metrics and the traces (it names no Micrometer or OpenTelemetry type).
 */
public final class GenAiProviders {

    private static final Map<String, String> BY_PROFILE = Map.of(
            "openai", "openai",
            "azure", "azure.ai.openai",
            "gemini", "gcp.gemini",
            "anthropic", "anthropic",
            "groq", "groq",
            "mistral", "mistral_ai",
            "deepseek", "deepseek");

    private final Map<String, String> names;

    private GenAiProviders(Map<String, String> names) {
        this.names = names;
    }

    /** @param profiles each provider's profile name (null for a provider without one), by provider name */
    public static GenAiProviders of(Map<String, String> profiles) {
        Map<String, String> names = new HashMap<>();
        profiles.forEach((provider, profile) ->
                names.put(provider, profile == null ? provider : BY_PROFILE.getOrDefault(profile, provider)));
        return new GenAiProviders(Map.copyOf(names));
    }

    public String name(String provider) {
        return names.getOrDefault(provider, provider);
    }

    /** The provider of a target ({@code provider/model}), as the events of a call name it. */
    public static String providerOf(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    /** The model of a target ({@code provider/model}): the {@code gen_ai.request.model} of a try of it. */
    public static String modelOf(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(slash + 1);
    }
}
