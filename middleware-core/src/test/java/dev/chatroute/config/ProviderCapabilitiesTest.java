package dev.chatroute.config;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.demo.DemoProvider;
import dev.chatroute.spi.Capability;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code chatroute.providers.<name>.capabilities} replaces what a provider's profile claims. */
class ProviderCapabilitiesTest {

    private static final String KEY = "chatroute.providers.f.capabilities";
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\"}}}]";

    private final FakeProvider fake = FakeProvider.start();
    private Chatroute chatroute;

    @AfterEach
    void stop() {
        if (chatroute != null) {
            chatroute.close();
        }
        fake.close();
    }

    @Test
    void aCommaListOfNamesIsRead() {
        assertThat(read(" tools, JSON_object ,stream_usage").providers().get("f").capabilities())
                .isEqualTo(EnumSet.of(Capability.TOOLS, Capability.JSON_OBJECT, Capability.STREAM_USAGE));
        assertThat(read("none").providers().get("f").capabilities()).isEmpty();
        assertThat(read("tools,tool_choice,parallel_tool_calls,json_object,json_schema,seed,vision,stream_usage")
                .providers().get("f").capabilities()).isEqualTo(EnumSet.allOf(Capability.class));
        assertThat(read("").providers().get("f").capabilities()).as("not set: the profile's").isNull();
    }

    @Test
    void anUnknownNameOrAnEmptyEntryFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> read("tools,telepathy")).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining("'telepathy'")
                .hasMessageContaining("tools,tool_choice,parallel_tool_calls,json_object,json_schema,seed,vision,"
                        + "stream_usage, or none");
        assertThatThrownBy(() -> read("tools,,seed")).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining("empty entry");
    }

    @Test
    void withNoneATargetIsSkippedForARequestWithToolsAndPlainRequestsStillReachIt() {
        chatroute = gateway("none");

        assertInvalid(serve("{\"userMessage\":\"Hi\"," + TOOLS + "}"), "unsupported_parameter", "tools");
        assertThat(fake.callCount()).isZero();

        fake.enqueue(Reply.stream("plain"));
        assertThat(serve("{\"userMessage\":\"Hi\",\"stream\":true}").status()).isEqualTo(200);
        assertThat(fake.lastCall().json().path("stream").asBoolean()).isTrue();
        assertThat(fake.lastCall().json().has("stream_options")).as("usage asked for without stream_usage").isFalse();
    }

    @Test
    void anOverrideCanGrantWhatTheProfileLacks() {
        // Anthropic's compatibility layer ignores response_format; a deployment that knows better may say so.
        chatroute = Chatroute.builder().config(FakeConfig.provider(FakeConfig.config(), "f", fake)
                .put("chatroute.providers.f.profile", "anthropic")
                .put("chatroute.providers.f.api-key", "sk-test")
                .put(KEY, "json_object")
                .put("chatroute.models.default", "f/m").build()).build();
        fake.enqueue(Reply.json("{}"));

        RecordingChannel channel = serve("{\"userMessage\":\"Hi\",\"response_format\":{\"type\":\"json_object\"}}");

        assertThat(channel.status()).isEqualTo(200);
        assertThat(fake.lastCall().json().path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void theDemoProviderClaimsOnlyWhatItDoes() {
        DemoProvider demo = new DemoProvider("demo", Duration.ZERO, null, Runnable::run, null);

        assertThat(List.of(Capability.values())).filteredOn(demo::supports)
                .containsExactlyInAnyOrder(Capability.STREAM_USAGE, Capability.SEED);
    }

    private Chatroute gateway(String capabilities) {
        return Chatroute.builder().config(FakeConfig.provider(FakeConfig.config(), "f", fake)
                .put(KEY, capabilities)
                .put("chatroute.models.default", "f/m").build()).build();
    }

    private RecordingChannel serve(String body) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(body), channel);
        return channel.await(Duration.ofSeconds(5));
    }

    private static Settings read(String capabilities) {
        return Settings.read(ChatrouteConfig.builder()
                .put("chatroute.providers.f.type", "openai-compatible")
                .put("chatroute.providers.f.base-url", "https://api.example.com/v1")
                .put(KEY, capabilities)
                .put("chatroute.models.default", "f/m")
                .build());
    }
}
