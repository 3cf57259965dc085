package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ChatMessage;
import dev.chatroute.ModelOptions;
import dev.chatroute.OpenAiCompatibleProvider;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each profile that supports tools, replaying a stream in its provider's documented tool-call shape
 * (the fixtures under {@code replay/} name their sources): the listener sees the same normalised
 * pieces, however the provider cut, repeated or left out index, id and name, and the finish reason
 * {@code tool_calls}. Each is replayed twice: one chunk per event, and cut every 7 bytes.
 */
class ToolCallReplayTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";
    private static final String GENERATED = "call_[0-9a-f]{32}";

    private final FakeProvider fake = FakeProvider.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        fake.close();
    }

    static Stream<Arguments> profiles() {
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("openai", List.of(
                        "tool 0|call_DdmO9pD3xa9XTPNJ32zg2hcA|get_weather|",
                        "tool 0|-|-|{\"city\":\"Par",
                        "tool 0|-|-|is\",\"note\":\"say \\",       // cut inside the escape \"
                        "tool 0|-|-|\"hi\\\" caf\\u00",          // cut inside \u00e9
                        "tool 0|-|-|e9\"}",
                        "tool 1|call_Zk3y8Pq2LmN4oR5sT6uV7wX8|get_time|",
                        "tool 1|-|-|{\"tz\":\"Europe/Paris\"}",
                        "finish tool_calls")),
                Map.entry("azure", List.of(
                        "tool 0|call_a1B2c3D4e5F6g7H8|get_weather|",
                        "tool 0|-|-|{\"city\":",
                        "tool 0|-|-|\"Oslo\"}",
                        "finish tool_calls")),
                Map.entry("groq", List.of(
                        "tool 0|call_7kx2|get_weather|{\"city\":\"Lima\"}",
                        "finish tool_calls")),
                Map.entry("openrouter", List.of( // id and name repeated on later pieces: still one call
                        "tool 0|call_or1|search_docs|",
                        "tool 0|-|-|{\"q\":",
                        "tool 0|-|-|\"refunds\"}",
                        "finish tool_calls")),
                Map.entry("deepseek", List.of(
                        "tool 0|call_0_8a1e6f1c-0d2b-4c9e-b0a4-1f2e3d4c5b6a|get_weather|",
                        "tool 0|-|-|{\"",
                        "tool 0|-|-|city\": \"Hangzhou\"}",
                        "finish tool_calls")),
                Map.entry("mistral", List.of(
                        "tool 0|D681PevKs|get_weather|{\"city\": \"Paris\"}",
                        "tool 1|Kq2Lm9XzA|get_weather|{\"city\": \"Rome\"}",
                        "finish tool_calls")),
                Map.entry("together", List.of(
                        "tool 0|call_t0gq8w1x2y3z|get_weather|",
                        "tool 0|-|-|{\"city\":\"Nairobi\"}",
                        "finish tool_calls")),
                Map.entry("gemini", List.of( // no index; a piece with neither index nor id continues the last call
                        "tool 0|function-call-13093365143227582|get_weather|{\"city\":\"Sydney\"}",
                        "tool 1|function-call-5781946623850214|get_weather|{\"city\":",
                        "tool 1|-|-|\"Perth\"}",
                        "finish tool_calls")), // it said "stop"
                Map.entry("anthropic", List.of(
                        "text I'll look that up.",
                        "tool 0|toolu_01A09q90qw90lq917835lq9|get_weather|",
                        "tool 0|-|-|{\"city\": \"San",
                        "tool 0|-|-| Francisco\"}",
                        "finish tool_calls")),
                Map.entry("ollama", List.of(
                        "tool 0|call_u2n5qk8w|get_weather|{\"city\":\"Toronto\"}",
                        "finish tool_calls")),
                Map.entry("vllm", List.of( // index 0 again under a new id is a second call
                        "tool 0|chatcmpl-tool-c9ZCzB9b9NikK5kjPBXpFG|get_weather|",
                        "tool 0|-|-|{\"city\": \"",
                        "tool 0|-|-|Dallas\"}",
                        "tool 1|chatcmpl-tool-HfzZPEVfQgvgpSJccb8Vr8|get_time|",
                        "tool 1|-|-|{\"tz\": \"America/Chicago\"}",
                        "finish tool_calls")),
                Map.entry("tgi", List.of( // id "" on every piece: one is made, the same for the whole call
                        "tool 0|" + GENERATED + "|get_weather|{",
                        "tool 0|-|-|\"city\":",
                        "tool 0|-|-|\"Bern\"}",
                        "finish tool_calls")), // it said "stop"
                Map.entry("litellm", List.of(
                        "tool 0|call_lt9a8b7c6d|get_weather|",
                        "tool 0|-|-|{\"city\":\"Accra\"}",
                        "finish tool_calls")),
                Map.entry("gateway", List.of( // text and a call's piece in one delta, no [DONE]
                        "text Checking",
                        "tool 0|call_gw1|lookup_order|{\"order\":",
                        "text  now.",
                        "tool 0|-|-|\"A-17\"}",
                        "finish tool_calls")));
        return expected.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> Stream.of(Arguments.of(e.getKey(), 0, e.getValue()), Arguments.of(e.getKey(), 7, e.getValue())));
    }

    @ParameterizedTest(name = "{0}, cut every {1} bytes")
    @MethodSource("profiles")
    void aProfilesRecordedToolCallStreamIsNormalised(String profile, int pieceBytes, List<String> expected) {
        Reply replay = Reply.replay("replay/" + profile + "-tools.sse");
        fake.enqueue(pieceBytes == 0 ? replay : replay.inPiecesOf(pieceBytes));
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider("p", fake.baseUrl(), "sk-test", http, profile);
        assertThat(provider.supports(Capability.TOOLS)).as(profile + " supports tools").isTrue();

        RecordingListener listener = new RecordingListener();
        provider.call(request(true), listener);
        List<String> events = listener.await(WAIT);

        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            if (want.contains(GENERATED)) {
                assertThat(events.get(i)).as("event " + i).matches(java.util.regex.Pattern.quote(
                        want.substring(0, want.indexOf(GENERATED))) + GENERATED
                        + java.util.regex.Pattern.quote(want.substring(want.indexOf(GENERATED) + GENERATED.length())));
            } else {
                assertThat(events.get(i)).as("event " + i).isEqualTo(want);
            }
        }
    }

    static ProviderRequest request(boolean stream) {
        return new ProviderRequest("req-1", "m", List.of(ChatMessage.user("Weather?")), 100, null, stream, Map.of(),
                new ModelOptions(List.of(WEATHER), null, null, null, List.of(), null, null));
    }
}
