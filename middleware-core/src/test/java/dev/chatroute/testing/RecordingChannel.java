package dev.chatroute.testing;

import dev.chatroute.spi.ResponseChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link ResponseChannel} that records what the core wrote; it can also play a client that leaves. */
public final class RecordingChannel implements ResponseChannel {

    /** One server-sent event. */
    public record Event(String name, String data) {
    }

    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private volatile int failWritesAfter = Integer.MAX_VALUE;
    private int status;
    private Map<String, String> headers = Map.of();
    private String json;
    private boolean streamOpened;

    /** Makes every write after {@code events} events fail, as when the client has gone away. */
    public RecordingChannel failAfter(int eventCount) {
        this.failWritesAfter = eventCount;
        return this;
    }

    @Override
    public synchronized void sendJson(int status, Map<String, String> headers, String json) {
        if (streamOpened || this.json != null) {
            throw new AssertionError("a second response was written");
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.json = json;
        finished.complete(null);
    }

    @Override
    public synchronized void openStream(Map<String, String> headers) throws IOException {
        if (streamOpened || json != null) {
            throw new AssertionError("a second response was written");
        }
        this.status = 200;
        this.headers = Map.copyOf(headers);
        streamOpened = true;
    }

    @Override
    public synchronized void sendEvent(String event, String data) throws IOException {
        if (!streamOpened) {
            throw new AssertionError("event " + event + " before the stream was opened");
        }
        if (events.size() >= failWritesAfter) {
            throw new IOException("client gone");
        }
        events.add(new Event(event, data));
    }

    @Override
    public synchronized void sendComment(String text) throws IOException {
        if (events.size() >= failWritesAfter) {
            throw new IOException("client gone");
        }
        comments.add(text);
    }

    @Override
    public synchronized void closeStream() {
        finished.complete(null);
    }

    /** Waits until the answer is complete (JSON sent, or stream closed). */
    public RecordingChannel await(Duration limit) {
        try {
            finished.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (Exception e) {
            throw new AssertionError("no complete answer within " + limit.toMillis() + "ms; so far: " + this);
        }
    }

    public synchronized int status() {
        return status;
    }

    public synchronized Map<String, String> headers() {
        return headers;
    }

    public synchronized String json() {
        return json;
    }

    public synchronized boolean streamed() {
        return streamOpened;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> eventNames() {
        return events.stream().map(Event::name).toList();
    }

    public synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean finished() {
        return finished.isDone();
    }

    @Override
    public synchronized String toString() {
        return "RecordingChannel[status=" + status + ", json=" + json + ", events=" + events + "]";
    }
}
