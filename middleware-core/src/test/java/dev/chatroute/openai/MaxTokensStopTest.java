package dev.chatroute.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that goes on past {@code max_tokens} is stopped there: its connection is closed, the
 * answer ends as an answer cut at that length ends ({@code finishReason: "length"}), and no more
 * output is charged than was relayed.
 */
class MaxTokensStopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final TokenCounter TOKENS = new TokenCounter();

    private final FakeGateway gateway = FakeGateway.start("chatroute.timeouts.total=20s");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void anEndlessStreamIsCutAtMaxTokensAndItsProviderCancelled() {
        gateway.fake().enqueue(Reply.endless());

        RecordingChannel channel = gateway.post(ask(true, 16)).await(WAIT);

        assertThat(channel.eventNames()).startsWith("meta", "delta").endsWith("usage", "done").doesNotContain("error");
        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("length");
        assertThat(channel.deltaText()).startsWith("w0 w1 ");
        assertThat(TOKENS.count(channel.deltaText())).isEqualTo(16);
        JsonNode usage = channel.event("usage").json();
        assertThat(usage.path("outputTokens").asInt()).isEqualTo(16);
        FakeProvider.Call call = gateway.fake().lastCall();
        call.awaitClientClose(WAIT);
        assertCharged(16);
    }

    @Test
    void aJsonAnswerFromAnEndlessStreamIsCutTheSameWay() {
        gateway.fake().enqueue(Reply.endless());

        RecordingChannel channel = gateway.post(ask(false, 16)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        JsonNode body = channel.body();
        assertThat(body.path("finishReason").asText()).isEqualTo("length");
        assertThat(TOKENS.count(body.path("text").asText())).isEqualTo(16);
        assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(16);
        gateway.fake().lastCall().awaitClientClose(WAIT);
        assertCharged(16);
    }

    @Test
    void oneHugePieceIsCutInsideItself() {
        String huge = "word ".repeat(200_000); // a megabyte in one delta
        gateway.fake().enqueue(Reply.stream("Start: ", huge, "never sent"));

        RecordingChannel channel = gateway.post(ask(true, 10)).await(WAIT);

        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("length");
        assertThat(channel.deltaText()).startsWith("Start: word word");
        assertThat(TOKENS.count(channel.deltaText())).isEqualTo(10);
        assertThat(channel.deltaText()).doesNotContain("never");
    }

    @Test
    void anAnswerThatEndsAtMaxTokensByItselfKeepsItsOwnFinishAndCounts() {
        gateway.fake().enqueue(Reply.stream("w0 ", "w1 ", "w2").finishReason("length").promptTokens(7));

        RecordingChannel channel = gateway.post(ask(true, TOKENS.count("w0 w1 w2"))).await(WAIT);

        assertThat(channel.event("done").json().path("finishReason").asText()).isEqualTo("length");
        assertThat(channel.deltaText()).isEqualTo("w0 w1 w2");
        assertThat(channel.event("usage").json().path("inputTokens").asInt()).isEqualTo(7);
        assertThat(gateway.usage().awaitFirst(WAIT).usageEstimated()).isFalse();
    }

    @Test
    void aProviderCountAboveMaxTokensIsChargedAtMaxTokens() {
        gateway.fake().enqueue(Reply.raw(200, "text/event-stream", chunk("Hi there") + finish()
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":900000}}\n\ndata: [DONE]\n\n"));

        RecordingChannel channel = gateway.post(ask(true, 20)).await(WAIT);

        assertThat(channel.deltaText()).isEqualTo("Hi there");
        assertThat(channel.event("usage").json().path("outputTokens").asInt()).isLessThanOrEqualTo(20);
        assertThat(gateway.usage().awaitFirst(WAIT).usage().totalTokens()).isLessThanOrEqualTo(5 + 20);
    }

    @Test
    void reportedCountsThatCannotBeTrueAreReplacedByTheEstimate() {
        gateway.fake().enqueue(usageOf("-5", "3"), usageOf("1e12", "3"), usageOf("\"12\"", "3"),
                usageOf("12", "99999999999"), usageOf("12", "20000000"));

        for (int i = 0; i < 5; i++) {
            RecordingChannel channel = gateway.post(ask(true, 50)).await(WAIT);
            JsonNode usage = channel.event("usage").json();
            assertThat(usage.path("inputTokens").asInt()).as("call %d", i).isPositive().isLessThan(100);
            assertThat(usage.path("outputTokens").asInt()).as("call %d", i).isEqualTo(TOKENS.count("Hi there"));
        }
        await().atMost(WAIT).until(() -> gateway.usage().all().size() == 5);
        assertThat(gateway.usage().all()).allSatisfy(r -> assertThat(r.usageEstimated()).isTrue());
    }

    private void assertCharged(int output) {
        UsageRecord record = gateway.usage().awaitFirst(WAIT);
        assertThat(record.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(record.usage().outputTokens()).isEqualTo(output);
    }

    private static Reply usageOf(String prompt, String completion) {
        return Reply.raw(200, "text/event-stream", chunk("Hi there") + finish() + "data: {\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + "}}\n\ndata: [DONE]\n\n");
    }

    private static String ask(boolean stream, int maxTokens) {
        return "{\"userMessage\":\"Hi\",\"stream\":" + stream + ",\"max_tokens\":" + maxTokens + "}";
    }

    private static String chunk(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String finish() {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    }
}
