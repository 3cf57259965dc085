package dev.chatroute.internal.ledger;

import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.ledger.LedgerProbes;
import dev.chatroute.spi.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Loaded by {@link LedgerClassLoadingTest} without HikariCP and Micrometer: a ledger on a JNDI
 * DataSource records a call, and one on a URL is refused at start-up, naming the key.
 */
public final class WithoutPoolProbe implements Callable<String> {

    @Override
    public String call() throws Exception {
        StringBuilder out = new StringBuilder();
        String name = "java:comp/env/jdbc/probe";
        LedgerProbes.bindH2(name, "jdbc:h2:mem:probe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Chatroute gateway = Chatroute.create(config("chatroute.ledger.datasource", name))) {
            gateway.chat(new ChatRequest(List.of(ChatMessage.user("Hello")), "default", false, 4096, null, Map.of()),
                    Identity.of("u")).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long calls = 0;
            while (calls == 0 && System.nanoTime() < deadline) {
                calls = gateway.usage(Instant.EPOCH, Instant.now().plusSeconds(60)).totals().calls();
                Thread.sleep(20); // waits for the writer's row (a positive event, not a non-event)
            }
            out.append(calls).append(" call in the ledger");
        } finally {
            LedgerProbes.unbind();
        }
        try {
            Chatroute.create(config("chatroute.ledger.jdbc.url", "jdbc:h2:mem:x")).close();
            out.append("; a URL was taken");
        } catch (InvalidConfigException e) {
            out.append("; URL refused: ").append(e.getMessage());
        }
        return out.toString();
    }

    private static ChatrouteConfig config(String key, String value) {
        return ChatrouteConfig.builder().environment(n -> null).put("chatroute.providers.demo.token-delay", "1ms")
                .put("chatroute.ledger", "jdbc").put(key, value).build();
    }
}
