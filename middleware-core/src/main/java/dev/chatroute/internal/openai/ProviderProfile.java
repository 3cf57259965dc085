package dev.chatroute.internal.openai;

import static dev.chatroute.spi.Capability.JSON_OBJECT;
import static dev.chatroute.spi.Capability.JSON_SCHEMA;
import static dev.chatroute.spi.Capability.PARALLEL_TOOL_CALLS;
import static dev.chatroute.spi.Capability.SEED;
import static dev.chatroute.spi.Capability.STREAM_USAGE;
import static dev.chatroute.spi.Capability.TOOLS;
import static dev.chatroute.spi.Capability.TOOL_CHOICE;
import static dev.chatroute.spi.Capability.VISION;

import dev.chatroute.spi.Capability;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What differs between OpenAI-compatible providers ({@code chatroute.providers.<name>.profile}):
 * configuration first, code only where a wire format differs. Stream quirks that every profile
 * meets (no {@code [DONE]} after a finish reason, a first delta without {@code role}, tool-call
 * deltas in any shape) are handled by {@link OpenAiCall} and {@link ToolCallDeltas} for all of them.
 *
 * @param defaultBaseUrl used when {@code base-url} is not set; null where every deployment has its own
 * @param auth how the key is sent
 * @param keyRequired whether a missing {@code api-key} is a start-up error
 * @param apiVersion a required {@code api-version} query parameter (Azure), or null
 * @param capabilities what the provider's documentation says it honours; {@link Capability#STREAM_USAGE}
 *     also decides whether {@code stream_options.include_usage} is sent (some servers refuse unknown
 *     fields), without which token counts are estimated
 */
public record ProviderProfile(String name, String defaultBaseUrl, Auth auth, boolean keyRequired, String apiVersion,
        Set<Capability> capabilities) {

    /** How a provider expects its key. */
    public enum Auth { BEARER, API_KEY_HEADER }

    public ProviderProfile {
        capabilities = Set.copyOf(capabilities);
    }

    /** Everything: for servers that front many models, where only the model decides. */
    private static final Set<Capability> EVERY = EnumSet.allOf(Capability.class);

    // Each set is what the provider's own documentation lists (read 2026-12); an override per provider is
    // chatroute.providers.<name>.capabilities. A parameter documented as "ignored" counts as unsupported:
    // a chain should skip such a target rather than get an answer that silently disregards the request.
    private static final Map<String, ProviderProfile> ALL = Map.ofEntries(
            // platform.openai.com/docs/api-reference/chat/create: the reference shape, all of it.
            p("openai", "https://api.openai.com/v1", Auth.BEARER, true, null, EVERY),
            // learn.microsoft.com Azure OpenAI REST 2024-10-21 (GA): tools, tool_choice, parallel_tool_calls,
            // response_format json_object and json_schema, seed, image input; stream_options is not in that
            // version, so no usage is asked for in streams.
            p("azure", null, Auth.API_KEY_HEADER, true, "2024-10-21",
                    EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, JSON_OBJECT, JSON_SCHEMA, SEED, VISION)),
            // console.groq.com/docs/openai: only logprobs, logit_bias, top_logprobs, messages[].name and n > 1
            // are refused; tool use (parallel too), JSON mode, structured outputs, seed and vision are
            // documented; a stream's usage comes in x_groq.
            p("groq", "https://api.groq.com/openai/v1", Auth.BEARER, true, null, EVERY),
            // openrouter.ai/docs/api-reference/parameters: it forwards tools, tool_choice, parallel_tool_calls,
            // response_format, seed and images to the routed model; what holds depends on that model.
            p("openrouter", "https://openrouter.ai/api/v1", Auth.BEARER, true, null, EVERY),
            // api-docs.deepseek.com (Function Calling, JSON Output, Create Chat Completion): tools, tool_choice,
            // response_format json_object only, stream_options.include_usage; no seed, no
            // parallel_tool_calls parameter, text-only models.
            p("deepseek", "https://api.deepseek.com/v1", Auth.BEARER, true, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, STREAM_USAGE)),
            // docs.mistral.ai (function calling, structured outputs, vision): tools, tool_choice,
            // parallel_tool_calls, json_object and json_schema, image input; its seed is random_seed (an
            // OpenAI seed is refused as an extra field), and it refuses stream_options.
            p("mistral", "https://api.mistral.ai/v1", Auth.BEARER, true, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, JSON_OBJECT, JSON_SCHEMA, VISION)),
            // docs.together.ai (function calling, JSON mode, vision, chat completions reference): tools,
            // tool_choice, response_format json_object and json_schema, seed, images, stream usage; no
            // parallel_tool_calls parameter.
            p("together", "https://api.together.xyz/v1", Auth.BEARER, true, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
            // ai.google.dev/gemini-api/docs/openai: function calling, tool_choice, structured output
            // (json_object, json_schema), seed, image input, stream_options.include_usage; Gemini always
            // calls in parallel and parallel_tool_calls is not listed.
            p("gemini", "https://generativelanguage.googleapis.com/v1beta/openai", Auth.BEARER, true, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
            // docs.anthropic.com/en/api/openai-sdk: tools, tool_choice, parallel_tool_calls, stream_options
            // and image content are supported; response_format and seed are "ignored".
            p("anthropic", "https://api.anthropic.com/v1", Auth.BEARER, true, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, VISION, STREAM_USAGE)),
            // docs.ollama.com/api/openai-compatibility: tools, tool_choice, response_format (JSON mode and
            // schemas), seed, image content, stream_options.include_usage; parallel_tool_calls is not listed.
            p("ollama", "http://localhost:11434/v1", Auth.BEARER, false, null,
                    EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
            // docs.vllm.ai (OpenAI-compatible server, tool calling, structured outputs): all of it, for the
            // models and flags that allow it (tools need --enable-auto-tool-choice and a parser); the
            // server cannot be asked which, so all is claimed and a deployment narrows it by the override.
            p("vllm", null, Auth.BEARER, false, null, EVERY),
            // huggingface.co/docs/text-generation-inference (Messages API, guidance): tools and tool_choice,
            // seed, image input for vision models; its response_format is its own grammar shape
            // ({"type":"json","value":...}), not OpenAI's, and it refuses stream_options.
            p("tgi", null, Auth.BEARER, false, null, EnumSet.of(TOOLS, TOOL_CHOICE, SEED, VISION)),
            // docs.litellm.ai: it translates every OpenAI parameter to the routed provider, or drops it, per
            // model; unknowable from here, so all.
            p("litellm", null, Auth.BEARER, false, null, EVERY),
            // Any other OpenAI-compatible gateway: unknowable, so all (narrow it with the override).
            p("gateway", null, Auth.BEARER, false, null, EVERY));

    public static final String DEFAULT = "gateway";

    private static Map.Entry<String, ProviderProfile> p(String name, String url, Auth auth, boolean keyRequired,
            String apiVersion, Set<Capability> capabilities) {
        return Map.entry(name, new ProviderProfile(name, url, auth, keyRequired, apiVersion, capabilities));
    }

    public static ProviderProfile named(String name) {
        return ALL.get(name.toLowerCase(Locale.ROOT));
    }

    public static Set<String> names() {
        return ALL.keySet();
    }

    /** Whether {@code stream_options.include_usage} is sent. */
    public boolean streamUsage() {
        return capabilities.contains(STREAM_USAGE);
    }

    /** The same profile with other capabilities ({@code chatroute.providers.<name>.capabilities}). */
    public ProviderProfile withCapabilities(Set<Capability> override) {
        return new ProviderProfile(name, defaultBaseUrl, auth, keyRequired, apiVersion, override);
    }
}
