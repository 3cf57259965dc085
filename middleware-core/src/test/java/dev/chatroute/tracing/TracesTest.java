package dev.chatroute.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.spi.Identity;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway given an OpenTelemetry traces each call that reaches a provider as one CLIENT span,
 * named and described per the OpenTelemetry GenAI conventions, over real calls to fake providers
 * {@code a} (profile {@code openai}) and {@code b} (no profile), {@code default = a/m1, b/m2}; the
 * spans go to the SDK's in-memory exporter, and the fake providers record the headers they got.
 */
class TracesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    private final FakeProvider a = FakeProvider.start();
    private final FakeProvider b = FakeProvider.start();
    private final UsageRecords usage = new UsageRecords();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    private Chatroute chatroute;

    @AfterEach
    void close() {
        if (chatroute != null) {
            chatroute.close();
        }
        a.close();
        b.close();
        sdk.close();
    }

    @Test
    void aJsonCallIsOneClientSpanWithTheGenAiAttributesAndTheModelTheProviderNamed() {
        start(sdk);
        a.enqueue(Reply.json("Hi.").answeringAs("m1-2025-01-01").promptTokens(7));

        RecordingChannel answer = post(TestCall.post(ask("default", false, 100)));
        SpanData span = awaitSpan();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(span.getName()).isEqualTo("chat m1");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(string(span, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(string(span, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(string(span, "gen_ai.request.model")).isEqualTo("m1");
        assertThat(string(span, "gen_ai.response.model")).isEqualTo("m1-2025-01-01");
        assertThat(number(span, "gen_ai.request.max_tokens")).isEqualTo(100);
        assertThat(number(span, "gen_ai.usage.input_tokens")).isEqualTo(7);
        assertThat(number(span, "gen_ai.usage.output_tokens")).isEqualTo(usage.all().get(0).usage().outputTokens());
        assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(string(span, "chatroute.alias")).isEqualTo("default");
        assertThat(string(span, "chatroute.request.id")).isEqualTo(usage.all().get(0).requestId());
        assertThat(string(span, "error.type")).isNull();
        assertThat(events(span)).containsExactly("chatroute.attempt");
    }

    @Test
    void aStreamIsTracedAlikeAndTheProviderGetsTheSpansTraceparent() {
        start(sdk);
        a.enqueue(Reply.stream("Hel", "lo").finishReason("length"));

        post(TestCall.post(ask("default", true, 50)));
        SpanData span = awaitSpan();

        assertThat(span.getName()).isEqualTo("chat m1");
        assertThat(string(span, "gen_ai.response.model")).isEqualTo("m1"); // the fake names the model asked for
        assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("length");
        assertThat(number(span, "gen_ai.usage.output_tokens")).isPositive();
        assertThat(a.lastCall().header("traceparent")) // the flags: sampled, and random trace id (W3C level 2)
                .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
    }

    @Test
    void withoutATraceparentTheSpanBeginsANewTrace() {
        start(sdk);
        a.enqueue(Reply.json("Hi."));

        post(TestCall.post(ask("default", false, 100)));
        SpanData span = awaitSpan();

        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
        assertThat(a.lastCall().header("traceparent")).contains(span.getTraceId());
    }

    @Test
    void anIncomingTraceparentMakesTheSpanItsChildAndItsTraceGoesUpstream() {
        start(sdk);
        a.enqueue(Reply.json("Hi."));

        post(TestCall.post(ask("default", false, 100)).header("traceparent", TRACEPARENT)
                .header("tracestate", "vendor=value"));
        SpanData span = awaitSpan();

        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(a.lastCall().header("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
        assertThat(a.lastCall().header("tracestate")).isEqualTo("vendor=value");
    }

    @Test
    void onlyTheTraceContextOfTheClientsHeadersGoesUpstream() {
        start(sdk);
        a.enqueue(Reply.json("Hi."));

        post(TestCall.post(ask("default", false, 100)).header("traceparent", TRACEPARENT)
                .header("Authorization", "Bearer client-token-SECRET").header("X-Custom", "client-value")
                .header("baggage", "user=alice"));
        awaitSpan();

        assertThat(a.lastCall().headers).doesNotContainKeys("X-Custom", "baggage");
        assertThat(a.lastCall().headers.values()).noneMatch(v -> v.contains("client-token") || v.contains("alice"));
        assertThat(a.lastCall().header("Authorization")).isEqualTo("Bearer sk-traces-SECRET-1");
    }

    @Test
    void aRetryAndAFallbackShowAsEventsOfTheOneSpan() {
        start(sdk);
        a.byDefault(Reply.error(503, "overloaded", "busy"));
        b.enqueue(Reply.json("From b."));

        assertThat(post(TestCall.post(ask("default", false, 100))).status()).isEqualTo(200);
        SpanData span = awaitSpan();

        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        assertThat(events(span)).containsExactly("chatroute.attempt", "chatroute.retry", "chatroute.attempt",
                "chatroute.fallback", "chatroute.attempt");
        EventData fallback = span.getEvents().get(3);
        assertThat(fallback.getAttributes().get(AttributeKey.stringKey("chatroute.from"))).isEqualTo("a/m1");
        assertThat(fallback.getAttributes().get(AttributeKey.stringKey("chatroute.to"))).isEqualTo("b/m2");
        assertThat(fallback.getAttributes().get(AttributeKey.stringKey("chatroute.reason"))).isEqualTo("http_503");
        assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("chatroute.status")))
                .isEqualTo("503");
        // Named after the target that answered; each try carried the span's traceparent.
        assertThat(span.getName()).isEqualTo("chat m2");
        assertThat(string(span, "gen_ai.provider.name")).isEqualTo("b");
        assertThat(a.calls()).allSatisfy(call -> assertThat(call.header("traceparent")).contains(span.getSpanId()));
        assertThat(b.lastCall().header("traceparent")).contains(span.getSpanId());
    }

    @Test
    void anOpeningCircuitShowsAsAnEvent() {
        start(sdk, "chatroute.retry.max-attempts=1", "chatroute.circuit-breaker.failure-threshold=1",
                "chatroute.circuit-breaker.delay=1h");
        a.byDefault(Reply.error(500, "server_error", "down"));

        post(TestCall.post(ask("solo", false, 100)));
        SpanData span = awaitSpan();

        assertThat(events(span)).contains("chatroute.circuit");
        EventData circuit = span.getEvents().stream().filter(e -> e.getName().equals("chatroute.circuit")).findFirst()
                .orElseThrow();
        assertThat(circuit.getAttributes().get(AttributeKey.stringKey("chatroute.circuit.state"))).isEqualTo("open");
    }

    @Test
    void aFailureSetsErrorTypeAndTheErrorStatus() {
        start(sdk);
        a.byDefault(Reply.error(500, "server_error", "down"));

        assertThat(post(TestCall.post(ask("solo", false, 100))).status()).isEqualTo(503);
        SpanData span = awaitSpan();

        String code = usage.all().get(0).errorCode();
        assertThat(code).isNotNull();
        assertThat(string(span, "error.type")).isEqualTo(code);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(string(span, "gen_ai.response.model")).isNull();
    }

    @Test
    void aCallRefusedBeforeAnyProviderHasNoSpan() {
        start(sdk, "chatroute.limits.requests-per-minute=1");
        a.enqueue(Reply.json("Hi."));
        post(TestCall.post(ask("default", false, 100)));
        awaitSpan();

        RecordingChannel refused = post(TestCall.post(ask("default", false, 100)));
        await().atMost(WAIT).until(() -> usage.all().size() == 2);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
    }

    @Test
    void aCallMadeInCodeIsAChildOfTheCallersCurrentSpan() throws Exception {
        start(sdk);
        a.enqueue(Reply.json("Summary."));
        Span job = sdk.getTracer("app").spanBuilder("nightly job").startSpan();

        try (Scope ignored = job.makeCurrent()) {
            chatroute.chat(new ChatRequest(List.of(ChatMessage.user("Summarize")), "default", false, 64, null,
                    Map.of()), Identity.of("job")).get(5, TimeUnit.SECONDS);
        } finally {
            job.end();
        }
        await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().size() == 2);

        SpanData call = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("chat m1")).findFirst()
                .orElseThrow();
        assertThat(call.getTraceId()).isEqualTo(job.getSpanContext().getTraceId());
        assertThat(call.getParentSpanId()).isEqualTo(job.getSpanContext().getSpanId());
    }

    @Test
    void withTheNoOpOpenTelemetryTheIncomingTraceStillReachesTheProvider() {
        // What an application with the API but no SDK gets: nothing recorded, the context passed on.
        start(OpenTelemetry.noop());
        a.enqueue(Reply.json("Hi."));

        post(TestCall.post(ask("default", false, 100)).header("traceparent", TRACEPARENT));
        await().atMost(WAIT).until(() -> usage.all().size() == 1);

        assertThat(a.lastCall().header("traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void anOpenTelemetryThatIsNotOneIsRefusedAtOnce() {
        assertThatThrownBy(() -> Chatroute.builder().openTelemetry("not one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.opentelemetry.api.OpenTelemetry");
    }

    private void start(OpenTelemetry openTelemetry, String... settings) {
        ChatrouteConfig.Builder config = FakeConfig.twoProviders(a, b)
                .put("chatroute.providers.a.profile", "openai")
                .put("chatroute.providers.a.api-key", "sk-traces-SECRET-1")
                .put("chatroute.models.solo", "a/m1");
        FakeConfig.settings(config, settings);
        chatroute = Chatroute.builder().config(config.build()).openTelemetry(openTelemetry).usageListener(usage)
                .build();
    }

    private RecordingChannel post(TestCall call) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(call, channel);
        return channel.await(WAIT);
    }

    /** The span ends at the call's end, which the usage listener hears after it. */
    private SpanData awaitSpan() {
        await().atMost(WAIT).until(() -> !usage.all().isEmpty() && !spans.getFinishedSpanItems().isEmpty());
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.get(finished.size() - 1);
    }

    private static List<String> events(SpanData span) {
        return span.getEvents().stream().map(EventData::getName).toList();
    }

    private static String string(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static Long number(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.longKey(key));
    }

    private static String ask(String model, boolean stream, int maxTokens) {
        return "{\"userMessage\":\"Hi\",\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":"
                + maxTokens + "}";
    }
}
