package dev.chatroute.profiles;

import static dev.chatroute.profiles.Replays.assertBearerRequest;
import static dev.chatroute.profiles.Replays.assertCompleted;
import static dev.chatroute.profiles.Replays.assertProviderUsage;
import static dev.chatroute.profiles.Replays.replay;
import static dev.chatroute.profiles.Replays.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams from OpenAI compatibility layers over other APIs (Gemini, Anthropic), and tool-call deltas. */
class CompatibilityLayerReplayTest {

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void geminiRepeatsRunningUsageOnEveryChunkAndTheLastCountsNotTheFirst() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=gemini");
        String tail = "\"created\":1741572300,\"id\":\"XZ7OZ-3wEb7Ykd8P3bnEsAQ\",\"model\":\"gemini-2.0-flash\","
                + "\"object\":\"chat.completion.chunk\",";
        gateway.fake().enqueue(stream(
                "{\"choices\":[{\"delta\":{\"content\":\"The sky\",\"role\":\"assistant\"},\"index\":0}]," + tail
                        + "\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":9,\"total_tokens\":11}}",
                "{\"choices\":[{\"delta\":{\"content\":\" is blue because of Rayleigh\",\"role\":\"assistant\"},\"index\":0}]," + tail
                        + "\"usage\":{\"completion_tokens\":8,\"prompt_tokens\":9,\"total_tokens\":17}}",
                "{\"choices\":[{\"delta\":{\"content\":\" scattering.\",\"role\":\"assistant\"},\"finish_reason\":\"stop\",\"index\":0}]," + tail
                        + "\"usage\":{\"completion_tokens\":11,\"prompt_tokens\":9,\"total_tokens\":20}}"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("The sky is blue because of Rayleigh scattering.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 9, 11);
    }

    @Test
    void anthropicDeltasWithoutRoleAndAStreamWithoutDoneAreComplete() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=anthropic");
        String head = "{\"id\":\"msg_01SHPsnk1A18GfwpdvaTnrbq\",";
        String tail = ",\"created\":1741572400,\"model\":\"claude-sonnet-4-20250514\",\"object\":\"chat.completion.chunk\"}";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I'm Claude,\"}}]" + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" an AI assistant.\"}}]" + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]" + tail,
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":9,\"total_tokens\":22}" + tail));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("I'm Claude, an AI assistant.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 13, 9);
    }

    @Test
    void toolCallDeltasWithAndWithoutIdsAndRepeatedIndexCarryNoTextAndTheStreamStillCompletes() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=openai");
        String head = "{\"id\":\"chatcmpl-B9N0tools\",\"object\":\"chat.completion.chunk\",\"created\":1741572500,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_f9f4fb6dbf\",";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"loc\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ation\\\":\\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":null}",
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":31,\"total_tokens\":111}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertThat(channel.deltaText()).isEqualTo("Let me check.");
        assertThat(channel.eventNames().stream().filter("delta"::equals)).hasSize(1);
        assertCompleted(channel, "tool_calls");
        assertProviderUsage(gateway, channel, 80, 31);
    }
}
