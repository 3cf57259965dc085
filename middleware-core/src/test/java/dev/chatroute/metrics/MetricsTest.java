package dev.chatroute.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway given a Micrometer registry records each call: the GenAI client metrics (named and
 * tagged as the OpenTelemetry conventions say) and Chatroute's own, over real calls to fake providers
 * {@code a} (profile {@code openai}) and {@code b} (no profile), {@code default = a/m1, b/m2}.
 */
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeProvider a = FakeProvider.start();
    private final FakeProvider b = FakeProvider.start();
    private final UsageRecords usage = new UsageRecords();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Chatroute chatroute;

    @AfterEach
    void close() {
        if (chatroute != null) {
            chatroute.close();
        }
        a.close();
        b.close();
    }

    @Test
    void aCompletedStreamRecordsDurationTokensFirstChunkAndItsAttempt() {
        start();
        a.enqueue(Reply.stream("Hel", "lo"));

        post(ask("default", true)).await(WAIT);
        UsageRecord record = awaitRecords(1);

        Timer duration = registry.get("gen_ai.client.operation.duration").tags("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "openai", "gen_ai.request.model", "m1", "gen_ai.response.model", "m1",
                "chatroute.alias", "default").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.getId().getTag("error.type")).isNull();
        assertThat(duration.getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(duration.takeSnapshot().histogramCounts()).extracting(bucket -> bucket.bucket(TimeUnit.SECONDS))
                .contains(0.01, 300.0);
        assertThat(registry.get("gen_ai.client.token.usage").tags("gen_ai.token.type", "input",
                "gen_ai.provider.name", "openai").summary().totalAmount()).isEqualTo(record.usage().inputTokens());
        assertThat(registry.get("gen_ai.client.token.usage").tags("gen_ai.token.type", "output").summary()
                .totalAmount()).isEqualTo(record.usage().outputTokens()).isPositive();
        assertThat(registry.get("gen_ai.client.token.usage").summary().getId().getBaseUnit()).isEqualTo("token");
        assertThat(registry.get("gen_ai.client.operation.time_to_first_chunk").tags("gen_ai.provider.name",
                "openai", "chatroute.alias", "default").timer().count()).isEqualTo(1);
        assertThat(count("chatroute.calls", "outcome", "completed", "code", "none", "chatroute.alias", "default"))
                .isEqualTo(1);
        assertThat(count("chatroute.upstream.attempts", "chatroute.provider", "a", "status", "200")).isEqualTo(1);
        assertThat(registry.get("chatroute.streams.active").gauge().value()).isZero();
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags()).extracting(Tag::getKey)
                .doesNotContain("user", "chatroute.user");
    }

    @Test
    void theResponseModelTagIsTheModelTheProviderNamed() {
        start();
        a.enqueue(Reply.stream("Hel", "lo").answeringAs("m1-2025-01-01"), Reply.json("Hi.").answeringAs("m1-json"));

        post(ask("default", true)).await(WAIT);
        post(ask("default", false)).await(WAIT);
        awaitRecords(2);

        for (String answered : new String[] {"m1-2025-01-01", "m1-json"}) {
            assertThat(registry.get("gen_ai.client.operation.duration").tags("gen_ai.request.model", "m1",
                    "gen_ai.response.model", answered).timer().count()).as(answered).isEqualTo(1);
            assertThat(registry.get("gen_ai.client.token.usage").tags("gen_ai.response.model", answered,
                    "gen_ai.token.type", "output").summary().count()).as(answered).isEqualTo(1);
        }
        assertThat(registry.get("gen_ai.client.operation.time_to_first_chunk")
                .tags("gen_ai.response.model", "m1-2025-01-01").timer().count()).isEqualTo(1);
    }

    @Test
    void whatCallsCostIsCountedInUsdByAliasProviderAndModel() {
        start("chatroute.providers.a.prices=m1=2.00/8.00");
        a.enqueue(Reply.json("Hi.").promptTokens(1000), Reply.json("Again.").promptTokens(500));

        post(ask("default", false)).await(WAIT);
        post(ask("solo", false)).await(WAIT);
        awaitRecords(2);

        io.micrometer.core.instrument.Counter byDefault = registry.get("chatroute.cost").tags("chatroute.alias",
                "default", "chatroute.provider", "a", "gen_ai.request.model", "m1").counter();
        assertThat(byDefault.count()).isEqualTo(usage.all().get(0).costUsd().doubleValue()).isPositive();
        assertThat(byDefault.getId().getBaseUnit()).isEqualTo("usd");
        assertThat(count("chatroute.cost", "chatroute.alias", "solo"))
                .isEqualTo(usage.all().get(1).costUsd().doubleValue()).isPositive();
    }

    @Test
    void anOpenStreamIsCountedAsActiveUntilItEnds() {
        start();
        a.enqueue(Reply.hang());
        RecordingChannel channel = new RecordingChannel();
        var exchange = chatroute.serve(TestCall.post(ask("default", true)), channel);
        await().atMost(WAIT).until(() -> a.callCount() == 1);

        assertThat(registry.get("chatroute.streams.active").gauge().value()).isEqualTo(1);
        exchange.cancel();
        awaitRecords(1);

        assertThat(registry.get("chatroute.streams.active").gauge().value()).isZero();
        assertThat(count("chatroute.upstream.attempts", "chatroute.provider", "a", "status", "cancelled"))
                .isEqualTo(1);
    }

    @Test
    void aJsonAnswerIsTimedAndCountedWithoutAStream() {
        start();
        a.enqueue(Reply.json("Hi."));

        assertThat(post(ask("default", false)).await(WAIT).status()).isEqualTo(200);
        awaitRecords(1);

        assertThat(registry.get("gen_ai.client.operation.duration").tags("gen_ai.provider.name", "openai")
                .timer().count()).isEqualTo(1);
        assertThat(count("chatroute.calls", "outcome", "completed")).isEqualTo(1);
        assertThat(registry.get("chatroute.streams.active").gauge().value()).isZero();
    }

    @Test
    void aFailureIsTimedWithItsErrorType() {
        start();
        a.byDefault(Reply.error(500, "server_error", "down"));

        assertThat(post(ask("solo", false)).await(WAIT).status()).isEqualTo(503);
        UsageRecord record = awaitRecords(1);

        assertThat(record.errorCode()).isNotNull();
        assertThat(registry.get("gen_ai.client.operation.duration").tags("error.type", record.errorCode(),
                "gen_ai.provider.name", "openai").timer().count()).isEqualTo(1);
        assertThat(count("chatroute.calls", "outcome", "failed", "code", record.errorCode())).isEqualTo(1);
        assertThat(count("chatroute.upstream.attempts", "chatroute.provider", "a", "status", "500")).isEqualTo(2);
    }

    @Test
    void retriesAndFallbacksAreCountedAndTheAnswerIsTimedUnderTheProviderThatGaveIt() {
        start();
        a.byDefault(Reply.error(503, "overloaded", "busy"));
        b.enqueue(Reply.json("From b."));

        assertThat(post(ask("default", false)).await(WAIT).status()).isEqualTo(200);
        awaitRecords(1);

        assertThat(count("chatroute.retries", "chatroute.provider", "a", "reason", "http_503")).isEqualTo(1);
        assertThat(count("chatroute.fallbacks", "from", "a/m1", "to", "b/m2", "reason", "http_503")).isEqualTo(1);
        assertThat(count("chatroute.upstream.attempts", "chatroute.provider", "a", "status", "503")).isEqualTo(2);
        assertThat(count("chatroute.upstream.attempts", "chatroute.provider", "b", "status", "200")).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.duration").tags("gen_ai.provider.name", "b",
                "gen_ai.request.model", "m2", "chatroute.alias", "default").timer().count()).isEqualTo(1);
    }

    @Test
    void aLimitRefusalIsCountedByItsCodeWithoutAGenAiOperation() {
        start("chatroute.limits.requests-per-minute=1");
        a.enqueue(Reply.json("Hi."));
        assertThat(post(ask("default", false)).await(WAIT).status()).isEqualTo(200);

        RecordingChannel refused = post(ask("default", false)).await(WAIT);
        awaitRecords(2);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(count("chatroute.limit.refusals", "code", "requests_per_minute")).isEqualTo(1);
        assertThat(count("chatroute.calls", "outcome", "refused", "code", "requests_per_minute",
                "chatroute.alias", "none")).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.duration").timers()).hasSize(1);
    }

    @Test
    void anOpeningCircuitSetsItsTargetsState() {
        start("chatroute.retry.max-attempts=1", "chatroute.circuit-breaker.failure-threshold=3",
                "chatroute.circuit-breaker.delay=1h");
        a.byDefault(Reply.error(500, "server_error", "down"));
        for (int i = 0; i < 3; i++) {
            post(ask("solo", false)).await(WAIT);
        }
        awaitRecords(3);

        assertThat(registry.get("chatroute.circuit.state").tag("chatroute.target", "a/m1").gauge().value())
                .isEqualTo(1);
        assertThat(count("chatroute.circuit.transitions", "chatroute.target", "a/m1", "state", "open"))
                .isEqualTo(1);
    }

    @Test
    void aRegistryThatIsNotMicrometersIsRefusedAtOnce() {
        assertThatThrownBy(() -> Chatroute.builder().meterRegistry("not a registry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.micrometer.core.instrument.MeterRegistry");
    }

    private void start(String... settings) {
        ChatrouteConfig.Builder config = FakeConfig.twoProviders(a, b)
                .put("chatroute.providers.a.profile", "openai")
                .put("chatroute.providers.a.api-key", "sk-metrics-SECRET-1")
                .put("chatroute.models.solo", "a/m1");
        FakeConfig.settings(config, settings);
        chatroute = Chatroute.builder().config(config.build()).meterRegistry(registry).usageListener(usage).build();
    }

    private RecordingChannel post(String json) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(json), channel);
        return channel;
    }

    /** The metrics listener hears each call's end before the usage listener does. */
    private UsageRecord awaitRecords(int calls) {
        await().atMost(WAIT).until(() -> usage.all().size() >= calls);
        return usage.all().get(calls - 1);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String ask(String model, boolean stream) {
        return "{\"userMessage\":\"Hi\",\"model\":\"" + model + "\",\"stream\":" + stream + "}";
    }
}
