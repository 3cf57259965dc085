package dev.chatroute.profiles;

import static dev.chatroute.profiles.Replays.assertBearerRequest;
import static dev.chatroute.profiles.Replays.assertCompleted;
import static dev.chatroute.profiles.Replays.assertEstimatedUsage;
import static dev.chatroute.profiles.Replays.assertProviderUsage;
import static dev.chatroute.profiles.Replays.assertRequest;
import static dev.chatroute.profiles.Replays.replay;
import static dev.chatroute.profiles.Replays.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams replayed in the format of servers you run yourself: vLLM, TGI, a LiteLLM proxy, any gateway. */
class SelfHostedReplayTest {

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void vllmWithoutAKeySendsNoAuthorizationAndReadsTheUsageChunkWithEmptyChoices() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=vllm", "chatroute.providers.f.api-key=");
        String head = "{\"id\":\"chatcmpl-5d3c0b1e2f4a4b7d8e9f0a1b2c3d4e5f\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741572600,\"model\":\"Qwen/Qwen2.5-7B-Instruct\",";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}",
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":21,\"total_tokens\":24,\"completion_tokens\":3,\"prompt_tokens_details\":null}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertThat(gateway.fake().lastCall().header("Authorization")).isNull();
        assertRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Hello world");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 21, 3);
    }

    @Test
    void tgiChunksWithoutASpaceAfterDataAndWithoutUsageAreCompleteAndCounted() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=tgi");
        String head = "{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1741572800,"
                + "\"model\":\"meta-llama/Meta-Llama-3.1-8B-Instruct\",\"system_fingerprint\":\"2.4.0-sha-0a655a0\",";
        gateway.fake().enqueue(Replays.streamFramed("data:", "\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Deep\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" learning\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" is fun.\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), false);
        assertThat(channel.deltaText()).isEqualTo("Deep learning is fun.");
        assertCompleted(channel, "stop");
        assertEstimatedUsage(gateway, channel);
    }

    @Test
    void litellmProxyChunksWithNullFieldsSendTheVirtualKeyAndEndWithTheProxysUsage() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=litellm");
        String head = "{\"id\":\"chatcmpl-7c1b9e04-3f2d-4a8e-b5a1-9f6d2c8e1a33\",\"created\":1741572700,\"model\":\"gpt-4o\","
                + "\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_eb9dce56a8\",";
        String empty = "\"delta\":{\"content\":null,\"role\":null,\"function_call\":null,\"tool_calls\":null,\"audio\":null}";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Sure\",\"role\":\"assistant\",\"function_call\":null,"
                        + "\"tool_calls\":null,\"audio\":null},\"finish_reason\":null,\"logprobs\":null}],\"stream_options\":{\"include_usage\":true}}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\", here it is.\",\"role\":null,\"function_call\":null,"
                        + "\"tool_calls\":null,\"audio\":null},\"finish_reason\":null,\"logprobs\":null}],\"stream_options\":{\"include_usage\":true}}",
                head + "\"choices\":[{\"finish_reason\":\"stop\",\"index\":0," + empty + ",\"logprobs\":null}],\"stream_options\":{\"include_usage\":true}}",
                head + "\"choices\":[{\"index\":0," + empty + ",\"finish_reason\":null,\"logprobs\":null}],\"stream_options\":{\"include_usage\":true},"
                        + "\"usage\":{\"completion_tokens\":6,\"prompt_tokens\":17,\"total_tokens\":23,"
                        + "\"completion_tokens_details\":null,\"prompt_tokens_details\":null}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Sure, here it is.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 17, 6);
    }

    @Test
    void theDefaultGatewayProfileReadsAStreamWithCrlfLineEndings() {
        gateway = FakeGateway.start(); // no profile: gateway
        String head = "{\"id\":\"chatcmpl-gw-41\",\"object\":\"chat.completion.chunk\",\"created\":1741572900,"
                + "\"model\":\"some-model\",";
        gateway.fake().enqueue(Replays.streamFramed("data: ", "\r\n",
                ": ping",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Line one\\nline two\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Line one\nline two");
        assertCompleted(channel, "length");
        assertProviderUsage(gateway, channel, 5, 4);
    }
}
