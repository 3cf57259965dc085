package dev.chatroute.internal.pii;

import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.spi.Identity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts gateways; loaded by {@link PiiClassLoadingTest} in a class loader without the detection libraries. */
public final class WithoutLibrariesProbe implements Callable<String> {

    @Override
    public String call() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Chatroute off = gateway("off", "email, phone")) {
            String text = off.chat(new ChatRequest(List.of(ChatMessage.user("Mail bob@example.com")), "default", false,
                    4096, null, Map.of()) /* room for the demo's whole answer: it echoes the message last */, Identity.of("u")).get(10, TimeUnit.SECONDS).text();
            out.append(text.contains("bob@example.com") ? "off answered" : "off answered without the address");
        }
        try (Chatroute secrets = gateway("redact", "secret, ssn")) {
            out.append("; secrets and ssn need no library");
        }
        try (Chatroute redact = gateway("redact", "email, phone")) {
            out.append("; redact started");
        } catch (InvalidConfigException e) {
            out.append("; redact refused: ").append(e.getMessage());
        }
        return out.toString();
    }

    private static Chatroute gateway(String mode, String types) {
        return Chatroute.create(ChatrouteConfig.builder().environment(name -> null)
                .put("chatroute.pii.mode", mode).put("chatroute.pii.types", types)
                .put("chatroute.providers.demo.token-delay", "1ms").build());
    }
}
