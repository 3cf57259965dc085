package dev.chatroute.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;

/** Recorded provider streams, served verbatim by the fake, and what every replay checks. */
final class Replays {

    static final Duration WAIT = Duration.ofSeconds(5);

    private Replays() {
    }

    /**
     * A {@code text/event-stream} body: each item is one event ({@code data: ITEM} and a blank line),
     * except items starting with {@code :}, which are comment lines as providers send them.
     */
    static Reply stream(String... items) {
        return Reply.raw(200, "text/event-stream", events("data: ", "\n", items));
    }

    /** The same, with the given {@code data:} prefix and line terminator, for servers that differ. */
    static Reply streamFramed(String dataPrefix, String newline, String... items) {
        return Reply.raw(200, "text/event-stream", events(dataPrefix, newline, items));
    }

    private static String events(String dataPrefix, String newline, String... items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            out.append(item.startsWith(":") ? item : dataPrefix + item).append(newline).append(newline);
        }
        return out.toString();
    }

    /** Asks for a streamed answer and waits for the stream to end. */
    static RecordingChannel replay(FakeGateway gateway) {
        return gateway.post(FakeGateway.ask("Hi", true)).await(WAIT);
    }

    /** The stream ended normally: its last two events are {@code usage} then {@code done}, once each. */
    static void assertCompleted(RecordingChannel channel, String finishReason) {
        assertThat(channel.eventNames()).as("events").endsWith("usage", "done").doesNotContain("error");
        assertThat(channel.eventNames().stream().filter("usage"::equals)).hasSize(1);
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo(finishReason);
    }

    /** The usage event and the usage record carry the provider's own counts. */
    static void assertProviderUsage(FakeGateway gateway, RecordingChannel channel, int input, int output) {
        JsonNode usage = channel.event("usage").json();
        assertThat(usage.path("inputTokens").asInt()).as("inputTokens").isEqualTo(input);
        assertThat(usage.path("outputTokens").asInt()).as("outputTokens").isEqualTo(output);
        assertThat(usage.path("totalTokens").asInt()).as("totalTokens").isEqualTo(input + output);
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.usageEstimated()).as("usageEstimated").isFalse();
    }

    /** No counts came from the provider: they were estimated, and not zero. */
    static void assertEstimatedUsage(FakeGateway gateway, RecordingChannel channel) {
        JsonNode usage = channel.event("usage").json();
        assertThat(usage.path("inputTokens").asInt()).isPositive();
        assertThat(usage.path("outputTokens").asInt()).isPositive();
        assertThat(gateway.usage().awaitFirst(WAIT).usageEstimated()).as("usageEstimated").isTrue();
    }

    /** The request went to {@code /v1/chat/completions} as a stream, with the key as a Bearer token. */
    static void assertBearerRequest(FakeProvider.Call call, boolean streamOptions) {
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
        assertThat(call.header("api-key")).isNull();
        assertRequest(call, streamOptions);
    }

    /** The request went to {@code /v1/chat/completions} as a stream, asking for usage or not. */
    static void assertRequest(FakeProvider.Call call, boolean streamOptions) {
        assertThat(call.method).isEqualTo("POST");
        assertThat(call.path).isEqualTo("/v1/chat/completions");
        JsonNode body = call.json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        if (streamOptions) {
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        } else {
            assertThat(body.has("stream_options")).as("stream_options sent").isFalse();
        }
    }
}
