package dev.chatroute.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSE channel over a sink whose send stages the test completes by hand: one send in flight, in
 * order, on a writer thread and never the core's; a bounded queue that says full and then writable;
 * a failed send (Jersey's value-is-the-exception included) reported once; the sink closed only after
 * everything queued was sent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseChannelTest {

    private final AtomicInteger writerCount = new AtomicInteger();
    private final ExecutorService writers = Executors.newCachedThreadPool(
            r -> new Thread(r, "test-writer-" + writerCount.incrementAndGet()));
    private final Map<String, Object> attributes = new HashMap<>();
    private final AtomicInteger writable = new AtomicInteger();
    private final AtomicInteger gone = new AtomicInteger();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void eventsAreSentOneAtATimeInOrderOnAWriterThread() {
        FakeSink sink = new FakeSink();
        SseChannel channel = open(sink);

        for (int i = 0; i < 3; i++) {
            assertThat(channel.sendEvent("delta", "e" + i)).isTrue();
        }

        for (int i = 0; i < 3; i++) {
            int sent = i + 1;
            await().until(() -> sink.sends.size() == sent);
            assertThat(sink.sends).as("sends in flight").hasSize(sent);
            sink.sends.get(i).stage().complete(null);
        }
        assertThat(sink.sentData()).containsExactly("e0", "e1", "e2");
        assertThat(sink.sends).allSatisfy(s -> assertThat(s.thread()).startsWith("test-writer-"));
        assertThat(sink.sends.get(0).event().getName()).isEqualTo("delta");
    }

    @Test
    void aFullQueueSaysSoAndTellsWritableOnceItDrains() {
        FakeSink sink = new FakeSink();
        SseChannel channel = open(sink);
        String big = "x".repeat(20_000);

        int pushed = 0;
        boolean room = true;
        while (room) {
            assertThat(pushed).as("events queued before the channel said full").isLessThan(10);
            room = channel.sendEvent("delta", pushed++ + big);
        }
        assertThat(writable).hasValue(0);

        for (int i = 0; writable.get() == 0; i++) {
            int sent = i + 1;
            await().until(() -> sink.sends.size() >= sent);
            sink.sends.get(i).stage().complete(null);
        }
        await().until(() -> writable.get() == 1);
        int total = pushed;
        for (int i = 0; i < total; i++) {
            int sent = i + 1;
            await().until(() -> sink.sends.size() >= sent);
            sink.sends.get(i).stage().complete(null);
        }
        assertThat(sink.sentData()).isEqualTo(IntStream.range(0, total).mapToObj(i -> i + big).toList());
        assertThat(writable).hasValue(1);
        assertThat(gone).hasValue(0);
    }

    @Test
    void aStageWhoseValueIsTheExceptionMeansTheClientIsGoneOnce() {
        FakeSink sink = new FakeSink();
        SseChannel channel = open(sink);
        AtomicInteger cancelled = new AtomicInteger();
        channel.onClientGone(cancelled::incrementAndGet);
        channel.sendEvent("delta", "a");
        channel.sendEvent("delta", "b");
        await().until(() -> sink.sends.size() == 1);

        sink.sends.get(0).stage().complete(new IOException("Broken pipe"));

        await().until(() -> gone.get() == 1 && !sink.closedBy.isEmpty());
        assertThat(channel.sendEvent("delta", "late")).isTrue();
        channel.closeStream();
        assertThat(gone).hasValue(1);
        assertThat(cancelled).hasValue(1);
        assertThat(sink.sentData()).containsExactly("a");
        assertThat(sink.closedBy).hasSize(1).allSatisfy(t -> assertThat(t).startsWith("test-writer-"));
    }

    @Test
    void aStageCompletedExceptionallyMeansTheClientIsGone() {
        FakeSink sink = new FakeSink();
        SseChannel channel = open(sink);
        channel.sendComment("keepalive");
        await().until(() -> sink.sends.size() == 1);

        sink.sends.get(0).stage().completeExceptionally(new IOException("reset"));

        await().until(() -> gone.get() == 1);
        assertThat(sink.sends.get(0).event().getComment()).isEqualTo("keepalive");
    }

    @Test
    void closingWaitsForEverythingQueuedThenClosesTheSinkOnAWriterThread() {
        FakeSink sink = new FakeSink();
        SseChannel channel = open(sink);
        channel.sendEvent("delta", "a");
        channel.sendEvent("done", "b");
        channel.closeStream();
        await().until(() -> sink.sends.size() == 1);
        assertThat(sink.closedBy).as("closed while a send is in flight").isEmpty();

        sink.sends.get(0).stage().complete(null);
        await().until(() -> sink.sends.size() == 2);
        assertThat(sink.closedBy).as("closed while a send is in flight").isEmpty();
        sink.sends.get(1).stage().complete(null);

        await().until(() -> !sink.closedBy.isEmpty());
        assertThat(sink.closedBy).hasSize(1).allSatisfy(t -> assertThat(t).startsWith("test-writer-"));
        assertThat(sink.sentData()).containsExactly("a", "b");
        assertThat(gone).hasValue(0);
    }

    @Test
    void aSinkThatWritesOnTheCallingThreadAsJerseysDoesIsNeverCalledOnTheCoresThread() {
        FakeSink sink = new FakeSink(() -> CompletableFuture.completedFuture(null));
        SseChannel channel = open(sink);

        for (int i = 0; i < 100; i++) {
            channel.sendEvent("delta", "e" + i);
        }
        channel.closeStream();

        await().until(() -> !sink.closedBy.isEmpty());
        assertThat(sink.sentData()).isEqualTo(IntStream.range(0, 100).mapToObj(i -> "e" + i).toList());
        String core = Thread.currentThread().getName();
        assertThat(sink.sends).noneSatisfy(s -> assertThat(s.thread()).isEqualTo(core));
    }

    @Test
    void whatTheCoreSendsBeforeTheResourceMethodReturnsGoesOutOnTheContainersThreadThenWritersTakeOver() {
        FakeSink sink = new FakeSink();
        SseChannel channel = new SseChannel(sink, FakeSse.create(), request(), writers);
        channel.bind(new ResponseChannel.Callbacks() {
            @Override
            public void writable() {
            }

            @Override
            public void clientGone() {
                gone.incrementAndGet();
            }
        });
        channel.openStream(Map.of());
        channel.sendEvent("meta", "m");
        channel.sendEvent("delta", "d");
        assertThat(sink.sends).as("sent before the resource method returned").isEmpty();

        channel.resourceMethodReturning();

        assertThat(sink.sentData()).containsExactly("m");
        assertThat(sink.sends.get(0).thread()).isEqualTo(Thread.currentThread().getName());
        sink.sends.get(0).stage().complete(null);
        await().until(() -> sink.sends.size() == 2);
        assertThat(sink.sends.get(1).thread()).startsWith("test-writer-");
    }

    @Test
    void aRefusalBeforeTheStreamOpensIsKeptForTheResourceMethod() {
        FakeSink sink = new FakeSink();
        SseChannel channel = new SseChannel(sink, FakeSse.create(), request(), writers);

        channel.sendJson(429, Map.of("Retry-After", "3"), "{\"error\":{}}");

        assertThat(channel.refusal()).isNotNull();
        assertThat(channel.refusal().status()).isEqualTo(429);
        assertThat(channel.refusal().headers()).containsEntry("Retry-After", "3");
        assertThat(sink.sends).isEmpty();
    }

    private SseChannel open(FakeSink sink) {
        SseChannel channel = new SseChannel(sink, FakeSse.create(), request(), writers);
        channel.bind(new ResponseChannel.Callbacks() {
            @Override
            public void writable() {
                writable.incrementAndGet();
            }

            @Override
            public void clientGone() {
                gone.incrementAndGet();
            }
        });
        channel.openStream(Map.of("X-Request-Id", "r-1"));
        assertThat(attributes).containsEntry(SseChannel.HEADERS, Map.of("X-Request-Id", "r-1"));
        channel.resourceMethodReturning();
        return channel;
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setAttribute")) {
                        attributes.put((String) args[0], args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
