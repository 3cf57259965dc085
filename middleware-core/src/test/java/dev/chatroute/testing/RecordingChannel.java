package dev.chatroute.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.spi.ResponseChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
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

        /** The event's data, parsed. */
        public JsonNode json() {
            return parse(data);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private volatile int failWritesAfter = Integer.MAX_VALUE;
    private volatile Callbacks callbacks;
    private boolean stuck;
    private int fullWrites;
    private boolean aborted;
    private boolean told;
    private int status;
    private Map<String, String> headers = Map.of();
    private String json;
    private boolean streamOpened;

    /** Makes every write after {@code events} events fail, as when the client has gone away. */
    public RecordingChannel failAfter(int eventCount) {
        this.failWritesAfter = eventCount;
        return this;
    }

    /**
     * Plays a client that stops reading: from now on every write reports a full buffer (it is still
     * recorded), until {@link #drain()}.
     */
    public synchronized RecordingChannel stopReading() {
        stuck = true;
        return this;
    }

    /** The stuck client reads again: the buffer empties and the core is told it may write. */
    public void drain() {
        synchronized (this) {
            stuck = false;
        }
        Callbacks c = callbacks;
        if (c != null) {
            c.writable();
        }
    }

    /** The container reports the client gone, as an adapter does. */
    public void clientGone() {
        Callbacks c = callbacks;
        if (c == null) {
            throw new AssertionError("the core bound no callbacks to this channel");
        }
        c.clientGone();
    }

    @Override
    public void bind(Callbacks callbacks) {
        if (this.callbacks != null) {
            throw new AssertionError("bind was called twice");
        }
        this.callbacks = callbacks;
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
    public synchronized void openStream(Map<String, String> headers) {
        if (streamOpened || json != null) {
            throw new AssertionError("a second response was written");
        }
        this.status = 200;
        this.headers = Map.copyOf(headers);
        streamOpened = true;
    }

    @Override
    public boolean sendEvent(String event, String data) {
        synchronized (this) {
            if (!streamOpened) {
                throw new AssertionError("event " + event + " before the stream was opened");
            }
            if (finished.isDone()) {
                throw new AssertionError("event " + event + " after the stream was closed");
            }
            if (events.size() < failWritesAfter) {
                events.add(new Event(event, data));
                transcript.add("event:" + event);
                return accepted();
            }
        }
        writeFailed();
        return true;
    }

    @Override
    public boolean sendComment(String text) {
        synchronized (this) {
            if (events.size() < failWritesAfter) {
                comments.add(text);
                transcript.add(": " + text);
                return accepted();
            }
        }
        writeFailed();
        return true;
    }

    private boolean accepted() {
        if (stuck) {
            fullWrites++;
        }
        return !stuck;
    }

    /** How many writes were answered "buffer full" while the client did not read. */
    public synchronized int fullWrites() {
        return fullWrites;
    }

    /** A write to a client that left fails once, as a socket does; the core hears of it as an event. */
    private void writeFailed() {
        Callbacks c;
        synchronized (this) {
            if (told) {
                return;
            }
            told = true;
            c = callbacks;
        }
        if (c != null) {
            c.clientGone();
        }
    }

    @Override
    public synchronized void closeStream() {
        finished.complete(null);
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        finished.complete(null);
    }

    /** Whether the core ended the exchange without an answer (the client left or was stuck). */
    public synchronized boolean aborted() {
        return aborted;
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

    /** Events (as {@code event:NAME}) and comments (as {@code : TEXT}) in the order they were written. */
    public synchronized List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** The JSON answer, parsed; fails if none was sent. */
    public synchronized JsonNode body() {
        if (json == null) {
            throw new AssertionError("no JSON answer was sent; so far: " + this);
        }
        return parse(json);
    }

    /** The concatenated {@code text} of every {@code delta} event: the streamed answer. */
    public synchronized String deltaText() {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("delta")).forEach(e -> text.append(e.json().path("text").asText()));
        return text.toString();
    }

    /** The first event of this name; fails if there is none. */
    public synchronized Event event(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event; so far: " + this));
    }

    public boolean finished() {
        return finished.isDone();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public synchronized String toString() {
        return "RecordingChannel[status=" + status + ", json=" + json + ", events=" + events + "]";
    }
}
