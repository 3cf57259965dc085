package dev.chatroute.engine;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.ApiError;
import dev.chatroute.Chatroute;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.spi.EventListener;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.UsageRecords;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every call tells its listeners what happens to it, in order; a listener that throws breaks nothing. */
class EventListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeProvider a = FakeProvider.start();
    private final FakeProvider b = FakeProvider.start();
    private final UsageRecords usage = new UsageRecords();
    private final Recorder recorder = new Recorder();
    private final Chatroute chatroute = Chatroute.builder()
            .config(FakeConfig.twoProviders(a, b).build())
            .eventListenerFactory(requestId -> recorder)
            .eventListener(new Thrower())
            .usageListener(usage)
            .build();

    @AfterEach
    void close() {
        chatroute.close();
        a.close();
        b.close();
    }

    @Test
    void aStreamedAnswerIsToldFromStartToEnd() {
        a.enqueue(Reply.stream("Hel", "lo"));
        RecordingChannel channel = serve(ask("Hi", true));

        channel.await(WAIT);
        await().atMost(WAIT).until(() -> recorder.events.contains("callEnd COMPLETED"));
        assertThat(recorder.events).containsExactly("callStart", "admitted default stream", "attemptStart a/m1 1",
                "firstToken", "callEnd COMPLETED");
    }

    @Test
    void retriesAndFallbacksAreTold() {
        a.byDefault(Reply.error(503, "overloaded", "busy"));
        b.enqueue(Reply.json("From b."));
        RecordingChannel channel = serve(ask("Hi", false));

        assertThat(channel.await(WAIT).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> recorder.events.contains("callEnd COMPLETED"));
        assertThat(recorder.events).containsSubsequence("attemptStart a/m1 1", "retry a/m1 http_503",
                "attemptStart a/m1 2", "fallback a/m1 b/m2 http_503", "attemptStart b/m2 1", "firstToken",
                "callEnd COMPLETED");
    }

    @Test
    void aRefusalIsTold() {
        RecordingChannel channel = serve("{\"userMessage\":\"\"}");

        assertThat(channel.await(WAIT).status()).isEqualTo(400);
        assertThat(recorder.events).containsExactly("callStart", "refused 400", "callEnd REFUSED");
    }

    @Test
    void aClientThatLeavesIsTold() {
        a.enqueue(Reply.hang());
        RecordingChannel channel = new RecordingChannel();
        var exchange = chatroute.serve(TestCall.post(ask("Hi", true)), channel);
        await().atMost(WAIT).until(() -> a.callCount() == 1);

        exchange.cancel();

        await().atMost(WAIT).until(() -> recorder.events.contains("callEnd CLIENT_CANCELLED"));
        assertThat(recorder.events).containsSubsequence("attemptStart a/m1 1", "clientGone",
                "callEnd CLIENT_CANCELLED");
    }

    @Test
    void aListenerThatThrowsIsLoggedOnceAndTheCallAndOtherListenersGoOn() {
        try (LogCapture log = LogCapture.install()) {
            a.enqueue(Reply.stream("Hel", "lo"));
            RecordingChannel channel = serve(ask("Hi", true));

            channel.await(WAIT);
            UsageRecord record = usage.awaitFirst(WAIT);
            assertThat(record.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(channel.deltaText()).isEqualTo("Hello");
            await().atMost(WAIT).until(() -> recorder.events.contains("callEnd COMPLETED"));
            assertThat(log.lines()).filteredOn(line -> line.contains(Thrower.class.getName())).hasSize(1);
        }
    }

    private RecordingChannel serve(String json) {
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(json), channel);
        return channel;
    }

    /** Writes down each event it hears, in a few words. */
    static final class Recorder extends EventListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void callStart(String requestId) {
            events.add("callStart");
        }

        @Override
        public void admitted(CallInfo call) {
            events.add("admitted " + call.model() + (call.stream() ? " stream" : " json"));
        }

        @Override
        public void refused(String requestId, ApiError error) {
            events.add("refused " + error.status());
        }

        @Override
        public void attemptStart(String target, int attempt) {
            events.add("attemptStart " + target + " " + attempt);
        }

        @Override
        public void firstToken(Duration timeToFirstToken) {
            events.add("firstToken");
        }

        @Override
        public void retry(String target, String why, Duration delay) {
            events.add("retry " + target + " " + why);
        }

        @Override
        public void fallback(String from, String to, String why) {
            events.add("fallback " + from + " " + to + " " + why);
        }

        @Override
        public void clientGone() {
            events.add("clientGone");
        }

        @Override
        public void callEnd(UsageRecord record) {
            events.add("callEnd " + record.outcome());
        }
    }

    /** Throws from every event it hears. */
    static final class Thrower extends EventListener {
        @Override
        public void callStart(String requestId) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void callEnd(UsageRecord record) {
            throw new IllegalStateException("listener bug");
        }
    }
}
