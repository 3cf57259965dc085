package dev.chatroute.testing;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Exchange;
import dev.chatroute.spi.Scheduler;

/**
 * A real gateway wired to a {@link FakeProvider}: provider {@code f} of type
 * {@code openai-compatible} with key {@link #API_KEY}, and {@code default = f/some-model}. Timeouts
 * are a few seconds so that a test that goes wrong fails quickly; tests of timeouts set their own.
 * Each call makes one try ({@code chatroute.retry.max-attempts=1}), so that a test of one failure
 * sees that failure; the routing tests set their own retry and circuit settings.
 */
public final class FakeGateway implements AutoCloseable {

    public static final String API_KEY = "sk-test-SECRET123";
    public static final String MODEL = "some-model";

    private final FakeProvider fake;
    private final UsageRecords usage = new UsageRecords();
    private final Chatroute chatroute;

    private FakeGateway(FakeProvider fake, Scheduler scheduler, String... settings) {
        this.fake = fake;
        ChatrouteConfig.Builder config = FakeConfig.provider(FakeConfig.config(), "f", fake)
                .put("chatroute.providers.f.api-key", API_KEY)
                .put("chatroute.models.default", "f/" + MODEL)
                .put("chatroute.timeouts.connect", "2s")
                .put("chatroute.timeouts.first-token", "3s")
                .put("chatroute.timeouts.idle", "3s")
                .put("chatroute.timeouts.total", "5s")
                .put("chatroute.retry.max-attempts", "1");
        FakeConfig.settings(config, settings);
        Chatroute.Builder builder = Chatroute.builder().config(config.build()).usageListener(usage);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        this.chatroute = builder.build();
    }

    /** Starts a fake provider and a gateway using it; {@code settings} are {@code key=value} overrides. */
    public static FakeGateway start(String... settings) {
        return start(null, settings);
    }

    /** As {@link #start(String...)}, with the gateway's time on {@code scheduler} (a {@link ManualScheduler}). */
    public static FakeGateway start(Scheduler scheduler, String... settings) {
        FakeProvider fake = FakeProvider.start();
        try {
            return new FakeGateway(fake, scheduler, settings);
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    public FakeProvider fake() {
        return fake;
    }

    public UsageRecords usage() {
        return usage;
    }

    public Chatroute chatroute() {
        return chatroute;
    }

    /** Serves a POST of this JSON body and returns the channel the answer goes to. */
    public RecordingChannel post(String json) {
        return serve(TestCall.post(json));
    }

    public RecordingChannel serve(TestCall call) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(call, channel);
        return channel;
    }

    /** Serves a call on a given channel and returns the exchange, to cancel it. */
    public Exchange serve(TestCall call, RecordingChannel channel) {
        return chatroute.serve(call, channel);
    }

    /** A {@code {"userMessage": ..., "stream": ...}} body. */
    public static String ask(String question, boolean stream) {
        return "{\"userMessage\":\"" + question + "\",\"stream\":" + stream + "}";
    }

    @Override
    public void close() {
        try {
            chatroute.close();
        } finally {
            fake.close();
        }
    }
}
