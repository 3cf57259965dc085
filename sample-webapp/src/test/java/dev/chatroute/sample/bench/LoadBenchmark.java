package dev.chatroute.sample.bench;

import dev.chatroute.sample.FakeSsoFilter;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end load benchmark (a {@code main}, not a test; {@code mvn verify} never runs it): the
 * sample webapp on real Jetty ({@link SampleServer}) in front of a {@link FakeProvider} whose
 * streams are slow ({@value #DELTAS} deltas, {@value #GAP_MS} ms apart), per-user limits off. For
 * each level of concurrency and each route it sends that many streaming calls at once, over
 * loopback, with the JDK's async HttpClient, and reports completed streams, errors, latency
 * percentiles (response headers, first delta, whole stream), throughput, and the server's live
 * threads at peak by name prefix ({@code qtp}: Jetty's pool; {@code chatroute-}: the gateway's
 * timer and HTTP client). The fake provider and the load clients run in the same JVM with their
 * own threads (the fake one per connection), so the total thread count says nothing about the server.
 *
 * <p>Arguments: the concurrency levels (default {@code 200 1000}). Run it from the sample-webapp
 * module directory (SampleServer reads {@code src/main/webapp}).
 */
public final class LoadBenchmark {

    static final int DELTAS = 50;
    static final int GAP_MS = 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEVEL_TIMEOUT = Duration.ofSeconds(120);
    private static final String BODY = "{\"userMessage\":\"Tell me a story\",\"stream\":true}";

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] levels = args.length == 0 ? new int[] {200, 1000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN); // no usage line per call on the console

        FakeProvider fake = FakeProvider.start().byDefault(Reply.words(DELTAS).gap(Duration.ofMillis(GAP_MS)));
        Map<String, String> settings = new HashMap<>();
        settings.put("chatroute.providers.fake.type", "openai-compatible");
        settings.put("chatroute.providers.fake.base-url", fake.baseUrl().toString());
        settings.put("chatroute.providers.fake.api-key", "sk-load-benchmark");
        settings.put("chatroute.models.default", "fake/fake-model");
        settings.put("chatroute.limits.requests-per-minute", "off");
        settings.put("chatroute.limits.tokens-per-day", "off");
        settings.put("chatroute.limits.concurrent-streams", "off");
        // The fake provider accepts with a backlog of 50: a burst of connections waits for SYN
        // retransmits (1 s, 3 s...). Generous timeouts keep that from counting as provider failures.
        settings.put("chatroute.timeouts.connect", "30s");
        settings.put("chatroute.timeouts.first-token", "30s");
        settings.put("chatroute.timeouts.total", "90s");
        // So that the fake's refusals under a burst (its limit, not the server's) are counted, not amplified.
        settings.put("chatroute.circuit-breaker.failure-threshold", "10000");
        SampleServer server = SampleServer.start(settings, FakeSsoFilter.class);
        ExecutorService clientPool = Executors.newFixedThreadPool(4, named("load-client-"));
        ThreadSampler sampler = new ThreadSampler();
        try {
            System.out.printf(Locale.ROOT, "Chatroute load benchmark, %s, %d cores, %s %s; provider stream: %d deltas %d ms apart%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), DELTAS, GAP_MS);
            System.out.println("idle server threads: " + ThreadSampler.snapshot());
            for (String route : List.of("/api/chat", "/servlet/api/chat")) { // warm-up, not reported
                run(server.uri(route), 50, clientPool, null);
            }
            for (int n : levels) {
                for (String route : List.of("/api/chat", "/servlet/api/chat")) {
                    System.gc();
                    Thread.sleep(1000); // let the previous level's connections close
                    sampler.reset();
                    Result r = run(server.uri(route), n, clientPool, sampler);
                    System.out.println(r.report(route, n, sampler));
                }
            }
        } finally {
            sampler.stop();
            clientPool.shutdownNow();
            server.close();
            fake.close();
        }
        System.exit(0); // the JDK HttpClient's selector threads are not daemons in every JDK
    }

    private static Result run(URI uri, int clients, ExecutorService pool, ThreadSampler sampler) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Result result = new Result(clients);
        List<CompletableFuture<?>> calls = new ArrayList<>(clients);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            if (i > 0 && i % 50 == 0) {
                Thread.sleep(50); // ramp up at 1000 calls/s: the fake provider accepts with a backlog of 50
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .header("X-Test-User", "load-user-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            long sent = System.nanoTime();
            int slot = i;
            calls.add(http.sendAsync(request, info -> {
                        result.headersNanos[slot] = System.nanoTime() - sent;
                        return HttpResponse.BodySubscribers.fromSubscriber(new StreamReader(sent), s -> s);
                    })
                    .thenAccept(response -> result.record(slot, response.statusCode(), response.body()))
                    .exceptionally(failure -> {
                        result.fail(failure);
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .get(LEVEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.unfinished = (int) calls.stream().filter(c -> !c.isDone()).count();
            calls.forEach(c -> c.cancel(true));
        }
        result.wallNanos = System.nanoTime() - start;
        if (sampler != null) {
            sampler.stopSampling();
        }
        // (HttpClient.shutdownNow is Java 21; on 17 the idle client is left to the garbage collector)
        return result;
    }

    /** Reads one event stream: when the first delta came, how many, and whether it ended with {@code done}. */
    static final class StreamReader implements Flow.Subscriber<List<ByteBuffer>> {
        final long sent;
        final StringBuilder text = new StringBuilder();
        volatile long firstDeltaNanos = -1;
        volatile long endNanos = -1;
        volatile Throwable failure;

        StreamReader(long sent) {
            this.sent = sent;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                text.append(StandardCharsets.UTF_8.decode(b));
            }
            if (firstDeltaNanos < 0 && text.indexOf("event: delta") >= 0 || firstDeltaNanos < 0 && text.indexOf("event:delta") >= 0) {
                firstDeltaNanos = System.nanoTime() - sent;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            endNanos = System.nanoTime() - sent;
        }

        @Override
        public void onComplete() {
            endNanos = System.nanoTime() - sent;
        }

        int deltas() {
            int count = 0;
            for (int i = text.indexOf("delta"); i >= 0; i = text.indexOf("delta", i + 1)) {
                if (i >= 6 && text.substring(Math.max(0, i - 7), i).contains("event:")) {
                    count++;
                }
            }
            return count;
        }

        boolean endedWithDone() {
            return text.indexOf("event: done") >= 0 || text.indexOf("event:done") >= 0;
        }
    }

    static final class Result {
        final long[] headersNanos;
        final long[] firstDeltaNanos;
        final long[] totalNanos;
        final AtomicInteger completed = new AtomicInteger();
        final Map<String, Integer> errors = new TreeMap<>();
        int unfinished;
        long wallNanos;

        Result(int clients) {
            headersNanos = new long[clients];
            firstDeltaNanos = new long[clients];
            totalNanos = new long[clients];
            Arrays.fill(headersNanos, -1);
            Arrays.fill(firstDeltaNanos, -1);
            Arrays.fill(totalNanos, -1);
        }

        void record(int slot, int status, StreamReader stream) {
            if (status != 200) {
                error("HTTP " + status);
            } else if (stream.failure != null) {
                error(stream.failure.getClass().getSimpleName());
            } else if (!stream.endedWithDone() || stream.deltas() != DELTAS) {
                int at = stream.text.indexOf("\"code\":\"");
                String code = at < 0 ? "" : ", " + stream.text.substring(at + 8, stream.text.indexOf("\"", at + 8));
                error("incomplete stream (" + stream.deltas() + " deltas" + (stream.endedWithDone() ? ", done" : "") + code + ")");
            } else {
                firstDeltaNanos[slot] = stream.firstDeltaNanos;
                totalNanos[slot] = stream.endNanos;
                completed.incrementAndGet();
            }
        }

        void fail(Throwable failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            error(cause.getClass().getSimpleName());
        }

        synchronized void error(String kind) {
            errors.merge(kind, 1, Integer::sum);
        }

        synchronized String report(String route, int clients, ThreadSampler sampler) {
            double seconds = wallNanos / 1e9;
            int done = completed.get();
            return String.format(Locale.ROOT, """
                    %-18s %5d concurrent streams: completed %d, errors %s, unfinished %d, wall %.2f s
                        response headers ms  %s
                        first delta ms       %s
                        whole stream ms      %s
                        throughput           %.1f streams/s, %.0f deltas/s
                        server threads at peak: qtp (Jetty pool) %d, chatroute-* %d  [all threads: %d; by prefix %s]""",
                    route, clients, done, errors.isEmpty() ? "0" : errors.toString(), unfinished, seconds,
                    percentiles(headersNanos), percentiles(firstDeltaNanos), percentiles(totalNanos),
                    done / seconds, done * (double) DELTAS / seconds,
                    sampler.peak("qtp"), sampler.peak("chatroute-"), sampler.peakTotal(), sampler.peakByPrefix());
        }

        private static String percentiles(long[] nanos) {
            long[] ok = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
            if (ok.length == 0) {
                return "n/a";
            }
            return String.format(Locale.ROOT, "p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f",
                    at(ok, 0.50), at(ok, 0.95), at(ok, 0.99), ok[ok.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** Samples the JVM's live threads every 20 ms and keeps the peak count per name prefix. */
    static final class ThreadSampler {
        private final Map<String, Integer> peaks = new TreeMap<>();
        private final Thread thread;
        private volatile boolean sampling;
        private volatile boolean stopped;
        private int peakTotal;

        ThreadSampler() {
            thread = new Thread(this::loop, "load-thread-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void reset() {
            peaks.clear();
            peakTotal = 0;
            sampling = true;
        }

        void stopSampling() {
            sampling = false;
        }

        void stop() {
            stopped = true;
        }

        synchronized int peak(String prefix) {
            return peaks.getOrDefault(prefix, 0);
        }

        synchronized int peakTotal() {
            return peakTotal;
        }

        synchronized Map<String, Integer> peakByPrefix() {
            return new TreeMap<>(peaks);
        }

        private void loop() {
            while (!stopped) {
                if (sampling) {
                    Map<String, Integer> now = snapshot();
                    int total = now.values().stream().mapToInt(Integer::intValue).sum();
                    synchronized (this) {
                        now.forEach((prefix, count) -> peaks.merge(prefix, count, Math::max));
                        peakTotal = Math.max(peakTotal, total);
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Live threads by name prefix: the name up to its first digit (so {@code qtp123-45} counts as {@code qtp}). */
        static Map<String, Integer> snapshot() {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            Thread[] threads = new Thread[root.activeCount() * 2 + 16];
            int n = root.enumerate(threads, true);
            Map<String, Integer> byPrefix = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String name = threads[i].getName();
                String prefix = name.startsWith("chatroute-") ? "chatroute-" : name.split("[0-9]", 2)[0];
                byPrefix.merge(prefix.isEmpty() ? name : prefix, 1, Integer::sum);
            }
            return byPrefix;
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static {
        ManagementFactory.getThreadMXBean(); // loaded up front, not during the first sample
    }
}
