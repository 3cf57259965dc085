package dev.chatroute.jaxrs.internal;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A sink that records each send with its thread and answers with a stage the test completes by hand. */
final class FakeSink implements SseEventSink {

    record Send(OutboundSseEvent event, String thread, CompletableFuture<Object> stage) {
    }

    final List<Send> sends = new CopyOnWriteArrayList<>();
    final List<String> closedBy = new CopyOnWriteArrayList<>();
    private final Supplier<CompletableFuture<Object>> stages;

    /** Stages left open, for the test to complete. */
    FakeSink() {
        this(CompletableFuture::new);
    }

    FakeSink(Supplier<CompletableFuture<Object>> stages) {
        this.stages = stages;
    }

    @Override
    public boolean isClosed() {
        return !closedBy.isEmpty();
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (isClosed()) {
            throw new IllegalStateException("closed");
        }
        CompletableFuture<Object> stage = stages.get();
        sends.add(new Send(event, Thread.currentThread().getName(), stage));
        return stage;
    }

    @Override
    public void close() {
        closedBy.add(Thread.currentThread().getName());
    }

    List<String> sentData() {
        return sends.stream().map(s -> String.valueOf(s.event().getData())).toList();
    }
}
