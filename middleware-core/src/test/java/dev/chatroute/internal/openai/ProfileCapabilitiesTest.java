package dev.chatroute.internal.openai;

import static dev.chatroute.spi.Capability.JSON_OBJECT;
import static dev.chatroute.spi.Capability.JSON_SCHEMA;
import static dev.chatroute.spi.Capability.PARALLEL_TOOL_CALLS;
import static dev.chatroute.spi.Capability.SEED;
import static dev.chatroute.spi.Capability.STREAM_USAGE;
import static dev.chatroute.spi.Capability.TOOLS;
import static dev.chatroute.spi.Capability.TOOL_CHOICE;
import static dev.chatroute.spi.Capability.VISION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.spi.Capability;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each profile claims what its provider's documentation says (sources in ProviderProfile), and a provider answers from it. */
class ProfileCapabilitiesTest {

    private static final Set<Capability> ALL = EnumSet.allOf(Capability.class);

    @Test
    void eachProfileHasItsDocumentedCapabilities() {
        Map<String, Set<Capability>> expected = Map.ofEntries(
                Map.entry("openai", ALL),
                Map.entry("azure", EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, JSON_OBJECT, JSON_SCHEMA, SEED, VISION)),
                Map.entry("groq", ALL),
                Map.entry("openrouter", ALL),
                Map.entry("deepseek", EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, STREAM_USAGE)),
                Map.entry("mistral", EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, JSON_OBJECT, JSON_SCHEMA, VISION)),
                Map.entry("together", EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
                Map.entry("gemini", EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
                Map.entry("anthropic", EnumSet.of(TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS, VISION, STREAM_USAGE)),
                Map.entry("ollama", EnumSet.of(TOOLS, TOOL_CHOICE, JSON_OBJECT, JSON_SCHEMA, SEED, VISION, STREAM_USAGE)),
                Map.entry("vllm", ALL),
                Map.entry("tgi", EnumSet.of(TOOLS, TOOL_CHOICE, SEED, VISION)),
                Map.entry("litellm", ALL),
                Map.entry("gateway", ALL));

        assertThat(ProviderProfile.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, capabilities) -> {
            assertThat(ProviderProfile.named(name).capabilities()).as(name).isEqualTo(capabilities);
            OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("p", URI.create("https://example.com/v1"),
                    "sk-test", HttpClient.newHttpClient(), name);
            for (Capability c : Capability.values()) {
                assertThat(provider.supports(c)).as(name + " " + c).isEqualTo(capabilities.contains(c));
            }
        });
    }

    @Test
    void onlyProfilesWithStreamUsageAskForIt() {
        // The servers that refuse stream_options (or, for Azure's API version, do not know it) are not sent it.
        for (String name : ProviderProfile.names()) {
            assertThat(ProviderProfile.named(name).streamUsage()).as(name)
                    .isEqualTo(!Set.of("azure", "mistral", "tgi").contains(name));
        }
    }
}
