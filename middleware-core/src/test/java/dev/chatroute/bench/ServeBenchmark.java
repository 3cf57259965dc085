package dev.chatroute.bench;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.Usage;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import dev.chatroute.testing.TestCall;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole {@link Chatroute#serve} call, from admission (request id, method, cross-site check,
 * identity, media type, body read, parsing, token estimate, limiter) to the complete answer, with a
 * provider that answers at once in process: no network, so the number is Chatroute's own overhead
 * per call. {@code stream=false} ends in one JSON answer; {@code stream=true} in an event stream of
 * the same {@value #DELTAS} deltas. Per-user limits are on, as by default, but high enough never
 * to refuse; the usage log line is off (it would measure the console). Its long path needs a longer
 * warm-up than the others: after 2 s it is still being compiled (scores fall from ~200 to ~60 us).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServeBenchmark {

    static final int DELTAS = 8;

    @Param({"false", "true"})
    public boolean stream;

    private Chatroute chatroute;
    private String body;

    @Setup(Level.Trial)
    public void setUp() {
        BenchSupport.quietLogs();
        ChatrouteConfig config = ChatrouteConfig.builder()
                .environment(name -> null)
                .put("chatroute.models.default", "inproc/bench-model")
                .put("chatroute.limits.requests-per-minute", "1000000000")
                .put("chatroute.limits.tokens-per-day", "1000000000000")
                .put("chatroute.limits.concurrent-streams", "1000")
                .build();
        chatroute = Chatroute.builder().config(config).provider(new ImmediateProvider()).logUsage(false).build();
        body = BenchSupport.TYPICAL_BODY.replace("\"stream\":true", "\"stream\":" + stream);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chatroute.close();
    }

    @Benchmark
    public Object serve() {
        AnswerChannel channel = new AnswerChannel();
        chatroute.serve(TestCall.post(body).principal("bench-user"), channel);
        channel.done.join();
        if (channel.status != 200) {
            throw new IllegalStateException("status " + channel.status + ": " + channel.json);
        }
        return channel;
    }

    /** Answers every call on the calling thread: {@value #DELTAS} deltas, usage, done. */
    static final class ImmediateProvider implements ChatProvider {
        @Override
        public String name() {
            return "inproc";
        }

        @Override
        public ProviderCall call(ProviderRequest request, ProviderListener listener) {
            for (int i = 0; i < DELTAS; i++) {
                listener.onDelta("word" + i + " ");
            }
            listener.onUsage(new Usage(60, DELTAS));
            listener.onComplete("stop");
            return () -> { };
        }
    }

    /** Keeps only what the benchmark checks; completes when the answer is complete. */
    static final class AnswerChannel implements ResponseChannel {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile int status;
        volatile String json;
        int events;

        @Override
        public void sendJson(int status, Map<String, String> headers, String json) {
            this.status = status;
            this.json = json;
            done.complete(null);
        }

        @Override
        public void openStream(Map<String, String> headers) {
            this.status = 200;
        }

        @Override
        public boolean sendEvent(String event, String data) {
            events++;
            return true;
        }

        @Override
        public boolean sendComment(String text) {
            return true;
        }

        @Override
        public void closeStream() {
            done.complete(null);
        }
    }
}
