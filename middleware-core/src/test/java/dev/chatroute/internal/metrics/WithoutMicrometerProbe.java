package dev.chatroute.internal.metrics;

import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.spi.Identity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts a gateway and asks it something; loaded by {@link MetricsClassLoadingTest} without Micrometer. */
public final class WithoutMicrometerProbe implements Callable<String> {

    @Override
    public String call() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Chatroute gateway = Chatroute.create(ChatrouteConfig.builder().environment(name -> null)
                .put("chatroute.providers.demo.token-delay", "1ms").build())) {
            String text = gateway.chat(new ChatRequest(List.of(ChatMessage.user("Hello")), "default", false, 4096,
                    null, Map.of()), Identity.of("u")).get(10, TimeUnit.SECONDS).text();
            out.append(text.isEmpty() ? "no answer" : "answered");
        }
        try {
            Chatroute.builder().meterRegistry(new Object());
            out.append("; a registry was taken");
        } catch (IllegalArgumentException e) {
            out.append("; registry refused: ").append(e.getMessage());
        }
        return out.toString();
    }
}
