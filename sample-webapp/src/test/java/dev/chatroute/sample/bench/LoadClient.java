package dev.chatroute.sample.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator: the JDK's async HttpClient (one selector thread holds every connection, so
 * thousands of open streams cost no thread each), closed-loop at a given concurrency, ramped up at
 * a given rate. It talks either to a Chatroute route ({@code {"userMessage":...}}, answers in
 * Chatroute's SSE or JSON) or straight to the provider (OpenAI's body and chunks), so that the
 * provider's own latency can be subtracted from the gateway's.
 */
final class LoadClient implements AutoCloseable {

    /** Where calls go, and how to read their answers. */
    record Target(String name, URI uri, boolean direct) {
        String body(String message, boolean stream) {
            return direct
                    ? "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + message
                            + "\"}],\"stream\":" + stream + "}"
                    : "{\"userMessage\":\"" + message + "\",\"stream\":" + stream + "}";
        }

        /** Every delta carries the fake's words ("w0 ", "w1 "...): as OpenAI content, or as Chatroute text. */
        String tokenMarker() {
            return direct ? "\"content\":\"w" : "\"text\":\"w";
        }

        String doneMarker() {
            return direct ? "[DONE]" : "\"finishReason\"";
        }
    }

    /** One call's timeline, in {@link System#nanoTime()} offsets from its send; -1 when it never happened. */
    static final class Call {
        final long sent = System.nanoTime();
        volatile int status = -1;
        volatile long firstToken = -1;
        volatile long lastToken = -1;
        volatile long errorAt = -1;
        volatile long end = -1;
        volatile int deltas;
        volatile boolean done;
        volatile String error;

        boolean ok() {
            return status == 200 && error == null && end >= 0;
        }

        long since(long at) {
            return at - sent;
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(2, named("load-client"));
    private final ScheduledExecutorService ramp = Executors.newSingleThreadScheduledExecutor(named("load-ramp"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /**
     * Starts {@code calls} calls, at most {@code concurrency} at once, the first ones ramped up at
     * {@code perSecond}; no new call starts after {@code limit}. Returns at once.
     */
    Run start(Target target, String message, boolean stream, int concurrency, int calls, int perSecond, Duration limit) {
        Run run = new Run(target, target.body(message, stream), stream, calls, limit);
        long stepNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
        for (int i = 0; i < Math.min(concurrency, calls); i++) {
            ramp.schedule(run::next, i * stepNanos, TimeUnit.NANOSECONDS);
        }
        return run;
    }

    /** A bounded batch of calls: each finished call starts the next until the count or the time runs out. */
    final class Run {
        final Target target;
        final Call[] calls;
        private final String body;
        private final boolean stream;
        private final long deadline;
        private final long started = System.nanoTime();
        private final AtomicInteger issued = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile long endedAt;

        Run(Target target, String body, boolean stream, int count, Duration limit) {
            this.target = target;
            this.body = body;
            this.stream = stream;
            this.calls = new Call[count];
            this.deadline = started + limit.toNanos();
        }

        private void next() {
            int slot = issued.getAndIncrement();
            if (slot >= calls.length || System.nanoTime() > deadline) {
                issued.decrementAndGet();
                return;
            }
            Call call = new Call();
            calls[slot] = call;
            HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, info -> {
                call.status = info.statusCode();
                return HttpResponse.BodySubscribers.fromSubscriber(new Reader(call, target));
            }).whenComplete((response, failure) -> {
                if (failure != null && call.error == null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    call.error = cause.getClass().getSimpleName();
                }
                if (call.end < 0) {
                    call.end = System.nanoTime();
                }
                if (call.error == null && call.status != 200) {
                    call.error = "HTTP " + call.status;
                } else if (call.error == null && stream && !call.done) {
                    call.error = "stream without done (" + call.deltas + " deltas)";
                }
                finished.incrementAndGet();
                next();
            });
        }

        /** Waits until every started call has ended, or {@code grace} after the time limit; true when all ended. */
        boolean await(Duration grace) throws InterruptedException {
            long giveUp = deadline + grace.toNanos();
            while (System.nanoTime() < giveUp) {
                int n = issued.get();
                boolean allStarted = n == calls.length || System.nanoTime() > deadline;
                if (allStarted && n > 0 && finished.get() >= n) {
                    endedAt = System.nanoTime();
                    return true;
                }
                Thread.sleep(20);
            }
            endedAt = System.nanoTime();
            return false;
        }

        double wallSeconds() {
            return ((endedAt == 0 ? System.nanoTime() : endedAt) - started) / 1e9;
        }

        List<Call> sent() {
            return java.util.Arrays.stream(calls).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** Reads an answer as it arrives: when the first and last token came, the error code, the end marker. */
    private static final class Reader implements Flow.Subscriber<List<ByteBuffer>> {
        private final Call call;
        private final String token;
        private final String doneMarker;
        private final StringBuilder text = new StringBuilder();
        private int scanned;

        Reader(Call call, Target target) {
            this.call = call;
            this.token = target.tokenMarker();
            this.doneMarker = target.doneMarker();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            for (ByteBuffer b : buffers) {
                text.append(StandardCharsets.UTF_8.decode(b));
            }
            for (int i = text.indexOf(token, scanned); i >= 0; i = text.indexOf(token, scanned)) {
                scanned = i + token.length();
                call.deltas++;
                if (call.firstToken < 0) {
                    call.firstToken = now;
                }
                call.lastToken = now;
            }
            int code = text.indexOf("\"code\":\"");
            if (call.errorAt < 0 && code >= 0 && text.indexOf("\"", code + 8) > 0) {
                call.errorAt = now;
                call.error = text.substring(code + 8, text.indexOf("\"", code + 8));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            call.error = throwable.getClass().getSimpleName();
            call.end = System.nanoTime();
        }

        @Override
        public void onComplete() {
            call.done = text.indexOf(doneMarker) >= 0;
            if (call.firstToken < 0 && call.status == 200 && call.error == null) {
                call.firstToken = System.nanoTime(); // a JSON answer: its whole body is its first token
            }
            call.end = System.nanoTime();
        }
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        ramp.shutdownNow();
        pool.shutdownNow(); // HttpClient.shutdownNow is Java 21; its idle connections end by keep-alive timeout
    }
}
