package dev.chatroute.testing;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.spi.HttpCall;
import java.time.Duration;

/** A real gateway on the built-in demo provider, sped up; {@code settings} are {@code key=value}. */
public final class DemoGateway implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final UsageRecords usage = new UsageRecords();
    private final Chatroute chatroute;

    private DemoGateway(String... settings) {
        ChatrouteConfig.Builder config = FakeConfig.config().put("chatroute.providers.demo.token-delay", "1ms");
        FakeConfig.settings(config, settings);
        this.chatroute = Chatroute.builder().config(config.build()).usageListener(usage).build();
    }

    public static DemoGateway start(String... settings) {
        return new DemoGateway(settings);
    }

    public Chatroute chatroute() {
        return chatroute;
    }

    public UsageRecords usage() {
        return usage;
    }

    /** Serves the call and waits (a few seconds at most) for the whole answer. */
    public RecordingChannel answer(HttpCall call) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(call, channel);
        return channel.await(WAIT);
    }

    /** Serves a POST of this JSON body and waits for the whole answer. */
    public RecordingChannel answer(String json) {
        return answer(TestCall.post(json));
    }

    @Override
    public void close() {
        chatroute.close();
    }
}
