package dev.chatroute.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.testing.WithoutJars;
import org.junit.jupiter.api.Test;

/** Micrometer is an optional dependency: an application without it starts and answers, and is told if it gives a registry. */
class MetricsClassLoadingTest {

    @Test
    void withoutMicrometerTheGatewayStartsAndAnswers() throws Exception {
        String result = WithoutJars.run(WithoutMicrometerProbe.class,
                "io/micrometer/core/instrument/MeterRegistry.class", "micrometer");

        assertThat(result).isEqualTo("answered; registry refused: A meter registry was given, but Micrometer "
                + "(io.micrometer:micrometer-core) is not on Chatroute's class path");
    }
}
