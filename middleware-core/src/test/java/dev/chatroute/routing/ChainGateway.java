package dev.chatroute.routing;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.spi.Scheduler;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;

/**
 * A real gateway over two fake providers, {@code a} (key {@link #KEY_A}) and {@code b}, with
 * {@code default = a/model-1, b/model-2}. Retry delays are milliseconds so that nothing sleeps long;
 * {@code settings} ({@code key=value}) override anything.
 */
final class ChainGateway implements AutoCloseable {

    static final String KEY_A = "sk-primary-SECRET-4242";

    final FakeProvider a = FakeProvider.start();
    final FakeProvider b = FakeProvider.start();
    final UsageRecords usage = new UsageRecords();
    final Chatroute chatroute;

    ChainGateway(String... settings) {
        this(null, settings);
    }

    /** A gateway whose timeouts run on {@code scheduler} (null: real time). */
    ChainGateway(Scheduler scheduler, String... settings) {
        ChatrouteConfig.Builder config = FakeConfig.provider(FakeConfig.provider(FakeConfig.config(), "a", a), "b", b)
                .put("chatroute.providers.a.api-key", KEY_A)
                .put("chatroute.providers.b.api-key", "sk-secondary-SECRET-9999")
                .put("chatroute.models.default", "a/model-1, b/model-2")
                .put("chatroute.models.solo", "a/model-1")
                .put("chatroute.retry.initial-delay", "10ms")
                .put("chatroute.retry.max-delay", "40ms")
                .put("chatroute.timeouts.first-token", "2s")
                .put("chatroute.timeouts.total", "8s");
        FakeConfig.settings(config, settings);
        Chatroute.Builder builder = Chatroute.builder().config(config.build()).usageListener(usage);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        chatroute = builder.build();
    }

    RecordingChannel post(String json) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(json), channel);
        return channel;
    }

    static String ask(String model, boolean stream) {
        return "{\"userMessage\":\"Hi\",\"model\":\"" + model + "\",\"stream\":" + stream + "}";
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
