package dev.chatroute.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.WithoutJars;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry API is an optional dependency: an application without it starts, answers, and is told if it gives one. */
class TracingClassLoadingTest {

    @Test
    void withoutTheOpenTelemetryApiTheGatewayStartsAndAnswers() throws Exception {
        String result = WithoutJars.run(WithoutOpenTelemetryProbe.class,
                "io/opentelemetry/api/OpenTelemetry.class", "opentelemetry");

        assertThat(result).isEqualTo("answered; OpenTelemetry refused: An OpenTelemetry was given, but the "
                + "OpenTelemetry API (io.opentelemetry:opentelemetry-api) is not on Chatroute's class path");
    }
}
