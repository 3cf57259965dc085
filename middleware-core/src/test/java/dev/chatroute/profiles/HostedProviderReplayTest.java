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

/** Streams replayed in the format of the hosted OpenAI-compatible APIs. */
class HostedProviderReplayTest {

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void openaiStreamsARoleOnlyFirstDeltaThenAUsageChunkWithNoChoices() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=openai");
        String head = "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_06737a9306\",";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"qk3a\"}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Zt\"}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"! How can I help?\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}",
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":7,\"total_tokens\":26,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Hello! How can I help?");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 19, 7);
    }

    @Test
    void openrouterProcessingCommentsAreIgnoredAndItsUsageChunkIsRead() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=openrouter",
                "chatroute.models.default=f/openai/gpt-4o-mini");
        String head = "{\"id\":\"gen-1741571234-X9rPq2\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o-mini\","
                + "\"object\":\"chat.completion.chunk\",\"created\":1741571234,";
        gateway.fake().enqueue(stream(
                ": OPENROUTER PROCESSING",
                ": OPENROUTER PROCESSING",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Paris\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" is the capital.\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\",\"native_finish_reason\":\"stop\",\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}],"
                        + "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":6,\"total_tokens\":20,\"cost\":0.0000057,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(gateway.fake().lastCall().json().path("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(channel.deltaText()).isEqualTo("Paris is the capital.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 14, 6);
    }

    @Test
    void anOpenrouterErrorInsideA200StreamEndsWithAnErrorEventAndIsNotRetried() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=openrouter", "chatroute.retry.max-attempts=3");
        String head = "{\"id\":\"gen-1741571999-aB3\",\"provider\":\"Together\",\"model\":\"meta-llama/llama-3.3-70b-instruct\","
                + "\"object\":\"chat.completion.chunk\",\"created\":1741571999,";
        gateway.fake().enqueue(stream(
                ": OPENROUTER PROCESSING",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Once upon\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}",
                head + "\"error\":{\"code\":\"server_error\",\"message\":\"Provider disconnected unexpectedly\"},"
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}"));

        RecordingChannel channel = replay(gateway);

        assertThat(channel.deltaText()).isEqualTo("Once upon");
        assertThat(channel.eventNames()).endsWith("error").doesNotContain("done");
        assertThat(gateway.fake().callCount()).isEqualTo(1);
    }

    @Test
    void deepseekKeepAliveCommentsAndReasoningAreSkippedAndUsageOnTheLastContentChunkIsRead() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=deepseek");
        String head = "{\"id\":\"0f3c1b2a-6d1e-4c1b-9a59-2c6b1f0e7d11\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741572000,\"model\":\"deepseek-reasoner\",\"system_fingerprint\":\"fp_5417b77867_prod0225\",";
        gateway.fake().enqueue(stream(
                ": keep-alive",
                ": keep-alive",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"The user greets.\"},\"logprobs\":null,\"finish_reason\":null}]}",
                ": keep-alive",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\",\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\",\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":12,\"total_tokens\":22,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":10},"
                        + "\"prompt_cache_hit_tokens\":0,\"prompt_cache_miss_tokens\":10}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Hello!");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 10, 12);
    }

    @Test
    void mistralGetsNoStreamOptionsButItsUsageOnTheLastChunkIsStillRead() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=mistral");
        String head = "{\"id\":\"cf79f7daaee244b1a0ae5c7b1444424a\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741572100,\"model\":\"mistral-small-latest\",";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bonjour\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" à vous.\"},\"finish_reason\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":13,\"completion_tokens\":5}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), false);
        assertThat(channel.deltaText()).isEqualTo("Bonjour à vous.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 8, 5);
    }

    @Test
    void togetherChunksWithNullUsageAndTokenIdsEndWithTheUsageOfTheFinalChunk() {
        gateway = FakeGateway.start("chatroute.providers.f.profile=together");
        String head = "{\"id\":\"91f3c8e0ad5b4c3a-AMS\",\"object\":\"chat.completion.chunk\",\"created\":1741572200,"
                + "\"model\":\"meta-llama/Llama-3.3-70B-Instruct-Turbo\",";
        gateway.fake().enqueue(stream(
                head + "\"choices\":[{\"index\":0,\"text\":\"Two\",\"logprobs\":null,\"finish_reason\":null,\"seed\":null,"
                        + "\"delta\":{\"token_id\":11874,\"role\":\"assistant\",\"content\":\"Two\",\"tool_calls\":null}}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"text\":\" plus two.\",\"logprobs\":null,\"finish_reason\":null,\"seed\":null,"
                        + "\"delta\":{\"token_id\":5636,\"role\":\"assistant\",\"content\":\" plus two.\",\"tool_calls\":null}}],\"usage\":null}",
                head + "\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null,\"finish_reason\":\"stop\",\"seed\":6143012364219651000,"
                        + "\"delta\":{\"token_id\":128009,\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":null}}],"
                        + "\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":4,\"total_tokens\":45,\"cached_tokens\":0}}",
                "[DONE]"));

        RecordingChannel channel = replay(gateway);

        assertBearerRequest(gateway.fake().lastCall(), true);
        assertThat(channel.deltaText()).isEqualTo("Two plus two.");
        assertCompleted(channel, "stop");
        assertProviderUsage(gateway, channel, 41, 4);
    }
}
