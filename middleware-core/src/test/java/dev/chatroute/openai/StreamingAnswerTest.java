package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers from an OpenAI-compatible provider, streamed and whole, as the caller receives them. */
class StreamingAnswerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeGateway gateway = FakeGateway.start();

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aStreamedAnswerIsMetaThenDeltasThenUsageThenDone() {
        gateway.fake().enqueue(Reply.stream("Hel", "lo", " world").promptTokens(21));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.headers().get("Content-Type")).startsWith("text/event-stream");
        assertThat(channel.headers()).containsEntry("Cache-Control", "no-cache")
                .containsEntry("X-Accel-Buffering", "no");
        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "delta", "usage", "done");
        assertThat(channel.deltaText()).isEqualTo("Hello world");
        JsonNode meta = channel.event("meta").json();
        assertThat(meta.path("requestId").asText()).isEqualTo(channel.headers().get("X-Request-Id"));
        assertThat(meta.path("model").asText()).isEqualTo("default");
        JsonNode usage = channel.event("usage").json();
        assertThat(usage.path("inputTokens").asInt()).isEqualTo(21);
        assertThat(usage.path("outputTokens").asInt()).isEqualTo(3);
        assertThat(usage.path("totalTokens").asInt()).isEqualTo(24);
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("stop");
    }

    @Test
    void aStreamWithoutAUsageChunkEndsWithAnEstimatedUsage() {
        gateway.fake().enqueue(Reply.stream("Counting ", "these ", "words").withoutUsage());

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).endsWith("usage", "done");
        JsonNode usage = channel.event("usage").json();
        assertThat(usage.path("inputTokens").asInt()).isPositive();
        assertThat(usage.path("outputTokens").asInt()).isPositive();
        assertThat(gateway.usage().awaitFirst(WAIT).usageEstimated()).isTrue();
    }

    @Test
    void aStreamWithAFinishReasonButNoDoneMarkerIsComplete() {
        gateway.fake().enqueue(Reply.stream("cut ", "short").finishReason("length").withoutDone());

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "usage", "done");
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("length");
    }

    @Test
    void aStreamEndingWithoutAFinishReasonEndsWithAnErrorEvent() {
        gateway.fake().enqueue(Reply.stream("half ", "an").withoutFinish());

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "error");
        JsonNode error = channel.event("error").json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(error.path("requestId").asText()).isEqualTo(channel.headers().get("X-Request-Id"));
    }

    @Test
    void aStreamCutMidAnswerEndsWithAnErrorEventAfterTheDeliveredDeltasAndIsNotRetried() {
        gateway.fake().enqueue(Reply.words(5).cutAfter(2));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "error");
        assertThat(channel.deltaText()).isEqualTo("w0 w1 ");
        assertThat(channel.event("error").json().path("error").path("type").asText())
                .isEqualTo("upstream_unavailable");
        assertThat(gateway.fake().callCount()).isEqualTo(1);
    }

    @Test
    void anErrorReportedInsideA200StreamEndsWithAnErrorEvent() {
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream",
                chunk("Par") + "data: {\"error\":{\"type\":\"overloaded\",\"message\":\"busy\"}}\n\n"));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "error");
        assertThat(channel.event("error").data()).doesNotContain("busy");
    }

    @Test
    void aProviderThatEndsLinesWithCrLfStreamsTheSameAnswer() {
        String body = (chunk("Hel") + chunk("lo") + finish() + "data: [DONE]\n\n").replace("\n", "\r\n");
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", body));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.eventNames()).containsExactly("meta", "delta", "delta", "usage", "done");
        assertThat(channel.deltaText()).isEqualTo("Hello");
    }

    @Test
    void aNonStreamingAnswerIsOneJsonBody() {
        gateway.fake().enqueue(Reply.json("The whole answer.").promptTokens(9));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.streamed()).isFalse();
        assertThat(channel.headers()).containsEntry("Content-Type", "application/json");
        JsonNode body = channel.body();
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("requestId").asText()).isEqualTo(channel.headers().get("X-Request-Id"));
        assertThat(body.path("model").asText()).isEqualTo("default");
        assertThat(body.path("text").asText()).isEqualTo("The whole answer.");
        assertThat(body.path("finishReason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("inputTokens").asInt()).isEqualTo(9);
        assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(1);
        assertThat(body.path("usage").path("totalTokens").asInt()).isEqualTo(10);
    }

    @Test
    void aNonStreamingAnswerThatIsNotJsonIsAnUpstreamError() {
        gateway.fake().enqueue(Reply.raw(200, "application/json", "<html>oops</html>"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_error");
    }

    private static String chunk(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String finish() {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    }
}
