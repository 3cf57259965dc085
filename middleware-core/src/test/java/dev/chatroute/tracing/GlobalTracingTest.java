package dev.chatroute.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.Reply;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway given no OpenTelemetry traces on the global one, read per call: an application may set
 * its SDK after the gateway started (which {@code GlobalOpenTelemetry.get()} at start would forbid).
 */
class GlobalTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeEach
    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void anOpenTelemetrySetGloballyAfterTheGatewayStartedRecordsItsCalls() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (FakeGateway gateway = FakeGateway.start();
                OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            gateway.fake().enqueue(Reply.json("Before."), Reply.json("After."));
            gateway.post(FakeGateway.ask("Hi", false)).await(WAIT);
            await().atMost(WAIT).until(() -> gateway.usage().all().size() == 1);
            assertThat(GlobalOpenTelemetry.isSet()).as("the gateway left the global one unset").isFalse();

            GlobalOpenTelemetry.set(sdk);
            gateway.post(FakeGateway.ask("Hi", false)).await(WAIT);
            await().atMost(WAIT).until(() -> gateway.usage().all().size() == 2);

            assertThat(spans.getFinishedSpanItems()).singleElement()
                    .satisfies(span -> assertThat(span.getName()).isEqualTo("chat " + FakeGateway.MODEL));
            assertThat(gateway.fake().lastCall().header("traceparent"))
                    .contains(spans.getFinishedSpanItems().get(0).getTraceId());
        }
    }
}
