package dev.chatroute.internal.tracing;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Starts a gateway and serves it a call that carries a traceparent; loaded by
 * {@link TracingClassLoadingTest} without the OpenTelemetry API.
 */
public final class WithoutOpenTelemetryProbe implements Callable<String> {

    @Override
    public String call() {
        StringBuilder out = new StringBuilder();
        try (Chatroute gateway = Chatroute.create(ChatrouteConfig.builder().environment(name -> null)
                .put("chatroute.providers.demo.token-delay", "1ms").build())) {
            RecordingChannel channel = new RecordingChannel();
            gateway.serve(TestCall.post("{\"userMessage\":\"Hello\"}")
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), channel);
            out.append(channel.await(Duration.ofSeconds(10)).status() == 200 ? "answered" : "no answer");
        }
        try {
            Chatroute.builder().openTelemetry(new Object());
            out.append("; an OpenTelemetry was taken");
        } catch (IllegalArgumentException e) {
            out.append("; OpenTelemetry refused: ").append(e.getMessage());
        }
        return out.toString();
    }
}
