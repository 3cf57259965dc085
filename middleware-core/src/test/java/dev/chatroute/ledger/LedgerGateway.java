package dev.chatroute.ledger;

import static org.awaitility.Awaitility.await;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.UsageRecord;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real gateway with a ledger, over fake providers {@code a} and {@code b}: {@code default = a/m1,
 * b/m2}, two tries per target, prices of 1 USD per million input and 2 per million output tokens on
 * {@code a} (b is free), the container's user ({@link TestCall#principal}) as the user, and time on a
 * {@link ManualClock}.
 */
final class LedgerGateway implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final FakeProvider a = FakeProvider.start();
    final FakeProvider b = FakeProvider.start();
    final UsageRecords usage = new UsageRecords();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ManualClock clock = new ManualClock(START);
    final Chatroute chatroute;

    LedgerGateway(List<String> ledgerSettings) {
        ChatrouteConfig.Builder config = FakeConfig.twoProviders(a, b)
                .put("chatroute.providers.a.api-key", "sk-ledger-SECRET-1")
                .put("chatroute.providers.a.prices", "*=1.00/2.00")
                .put("chatroute.circuit-breaker.failure-threshold", "1000")
                .put("chatroute.timeouts.total", "10s");
        FakeConfig.settings(config, ledgerSettings.toArray(String[]::new));
        try {
            this.chatroute = Chatroute.builder().config(config.build()).clock(clock).meterRegistry(registry)
                    .usageListener(usage).build();
        } catch (RuntimeException e) {
            a.close();
            b.close();
            throw e;
        }
    }

    /** Asks {@code question} as {@code user} (null: no user, so refused) and waits for the answer and its record. */
    UsageRecord ask(String user, String question, boolean stream) {
        TestCall call = TestCall.post("{\"userMessage\":\"" + question + "\",\"stream\":" + stream + "}");
        return serve(call.principal(user == null ? "" : user)); // TestCall has a user by default
    }

    UsageRecord serve(TestCall call) {
        int before = usage.all().size();
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(call, channel);
        channel.await(WAIT);
        await().atMost(WAIT).until(() -> usage.all().size() > before);
        return usage.all().get(before);
    }

    double dropped() {
        return registry.get("chatroute.ledger.dropped").functionCounter().count();
    }

    @Override
    public void close() {
        try {
            chatroute.close();
        } finally {
            a.close();
            b.close();
        }
    }
}
