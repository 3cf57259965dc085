package dev.chatroute.pipeline;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every call, however it ends, leaves exactly one usage record that says how it went. */
class UsageRecordTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeGateway gateway = FakeGateway.start("chatroute.timeouts.first-token=300ms");

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aCompletedStreamRecordsTheProvidersUsage() {
        gateway.fake().enqueue(Reply.stream("a", "b", "c").promptTokens(17));

        RecordingChannel channel = gateway.serve(TestCall.post(
                "{\"userMessage\":\"Hi\",\"stream\":true,\"metadata\":{\"feature\":\"help\"}}")).await(WAIT);

        UsageRecord record = onlyRecord();
        assertThat(record.requestId()).isEqualTo(channel.headers().get("X-Request-Id"));
        assertThat(record.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.errorCode()).isNull();
        assertThat(record.model()).isEqualTo("default");
        assertThat(record.provider()).isEqualTo("f");
        assertThat(record.providerModel()).isEqualTo(FakeGateway.MODEL);
        assertThat(record.stream()).isTrue();
        assertThat(record.usage()).isEqualTo(new Usage(17, 3));
        assertThat(record.usageEstimated()).isFalse();
        assertThat(record.timeToFirstToken()).isNotNull();
        assertThat(record.metadata()).isEqualTo(Map.of("feature", "help"));
    }

    @Test
    void aCompletedAnswerWithoutProviderUsageIsMarkedEstimated() {
        gateway.fake().enqueue(Reply.json("Some words to count").withoutUsage());

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = onlyRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(record.stream()).isFalse();
        assertThat(record.usageEstimated()).isTrue();
        assertThat(record.usage().inputTokens()).isPositive();
        assertThat(record.usage().outputTokens()).isPositive();
    }

    @Test
    void aRefusedCallRecordsRefusedWithItsCodeAndNoProvider() {
        gateway.post("{\"userMessage\":\"\"}").await(WAIT);

        UsageRecord record = onlyRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(record.status()).isEqualTo(400);
        assertThat(record.errorCode()).isEqualTo("missing_user_message");
        assertThat(record.provider()).isNull();
        assertThat(record.providerModel()).isNull();
        assertThat(gateway.fake().callCount()).isZero();
    }

    @Test
    void aFailedProviderCallRecordsFailedWithTheErrorSent() {
        gateway.fake().enqueue(Reply.error(500, "server_error", "boom"));

        gateway.post(ask("Hi", true)).await(WAIT);

        UsageRecord record = onlyRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.errorCode()).isEqualTo("upstream_unavailable");
        assertThat(record.provider()).isEqualTo("f");
        assertThat(record.providerModel()).isEqualTo(FakeGateway.MODEL);
        assertThat(record.timeToFirstToken()).isNull();
    }

    @Test
    void aTimedOutCallRecordsFailedWithTheTimeout() {
        gateway.fake().enqueue(Reply.hang());

        gateway.post(ask("Hi", false)).await(WAIT);

        UsageRecord record = onlyRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.status()).isEqualTo(504);
        assertThat(record.errorCode()).isEqualTo("upstream_timeout");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheAnswer() {
        ChatrouteConfig demo = ChatrouteConfig.builder().put("chatroute.providers.demo.token-delay", "1ms").build();
        try (Chatroute chatroute = Chatroute.builder().config(demo).usageListener(r -> {
            throw new IllegalStateException("listener broke");
        }).build()) {
            RecordingChannel channel = new RecordingChannel();
            chatroute.serve(TestCall.post(ask("Hi", false)), channel);

            assertThat(channel.await(WAIT).status()).isEqualTo(200);
        }
    }

    private UsageRecord onlyRecord() {
        UsageRecord first = gateway.usage().awaitFirst(WAIT);
        assertThat(gateway.usage().all()).containsExactly(first);
        return first;
    }
}
