package dev.chatroute.jaxrs.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the core's events through an {@link SseEventSink} without ever blocking the core: events
 * are queued here and sent one at a time by a writer thread ({@link SseWriters}), since Jersey's
 * {@code send} writes with blocking I/O on the calling thread; the next event goes when the previous
 * send's stage completes. Past {@link #BOUND} of queued event data {@link #sendEvent} returns false,
 * and {@link Callbacks#writable()} follows once the queue is back under it. A failed send (a stage
 * completed exceptionally, or, as Jersey does, with the exception as its value) is told once as
 * {@link Callbacks#clientGone()}.
 *
 * <p>Until the resource method returns ({@link #resourceMethodReturning()}), events only queue: what
 * the core sends during {@code serve} (the {@code meta} event) then goes out on the container's own
 * thread, as before, where neither runtime writes yet (Jersey queues it until the method returns,
 * RESTEasy writes asynchronously). A writer thread sending while the container's thread is still in
 * the resource method deadlocks RESTEasy on Tomcat: the writer holds the sink's lock and waits for
 * Tomcat's request lock, which the container's thread holds while it waits for the sink's lock.
 *
 * <p>A refusal that arrives before the stream opens is kept, for the resource method to throw as a
 * {@link RefusedCall}. The stream's headers go to a request attribute, which JAX-RS shows as a
 * request property in a servlet container (a resource method cannot portably get the request
 * context: RESTEasy refuses it), where {@link StreamHeadersFilter} puts them on the response.
 */
public final class SseChannel implements ResponseChannel {

    /** The request property holding the headers the core chose for the stream. */
    public static final String HEADERS = "dev.chatroute.jaxrs.streamHeaders";

    /** Queued event data (characters) past which the core is asked to wait; as for the servlet route. */
    public static final int BOUND = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SseChannel.class);

    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServletRequest request;
    private final Executor writers;
    private final AtomicBoolean gone = new AtomicBoolean();
    private final AtomicBoolean actionRun = new AtomicBoolean();
    private volatile Callbacks callbacks;
    private volatile Runnable onClientGone;

    private final Object lock = new Object();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>(); // guarded by lock, as are the fields below
    private long queued;
    private boolean full;
    private boolean sending;
    private boolean ending;
    private boolean closed;
    private boolean held = true;
    private boolean opened;
    private RefusedCall refusal;

    public SseChannel(SseEventSink sink, Sse sse, HttpServletRequest request) {
        this(sink, sse, request, SseWriters.shared());
    }

    SseChannel(SseEventSink sink, Sse sse, HttpServletRequest request, Executor writers) {
        this.sink = sink;
        this.sse = sse;
        this.request = request;
        this.writers = writers;
    }

    /** Something more to do, once, when the client is gone (at once if it already is). */
    public void onClientGone(Runnable action) {
        this.onClientGone = action;
        if (gone.get()) {
            runOnClientGone();
        }
    }

    private void runOnClientGone() {
        Runnable action = onClientGone;
        if (action != null && actionRun.compareAndSet(false, true)) {
            action.run();
        }
    }

    public RefusedCall refusal() {
        synchronized (lock) {
            return refusal;
        }
    }

    /**
     * Holds the calling thread, the container's in the resource method, until the core has opened
     * the stream or answered with JSON, or the client is gone; for a format whose 200 waits for its
     * first chunk (the OpenAI facade). Both Jersey and RESTEasy commit a sink's 200 by the time the
     * resource method has returned and something is sent, and JAX-RS has no portable way to defer
     * it, so the only way to keep a failure before the first chunk an HTTP status is not to return
     * yet. The core's own timeouts (first token, total) bound the wait: each ends the call with an
     * answer. {@code backstop} only guards against a call that never answers.
     *
     * @return whether the core decided within {@code backstop}
     */
    public boolean awaitOpenOrAnswer(java.time.Duration backstop) {
        long deadline = System.nanoTime() + backstop.toNanos();
        synchronized (lock) {
            while (!opened && refusal == null && !gone.get() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Called by the resource method, on the container's thread, as it returns: sends what is queued
     * from this thread, then lets writer threads take over.
     */
    public void resourceMethodReturning() {
        boolean start;
        synchronized (lock) {
            held = false;
            start = !sending && !closed && (!queue.isEmpty() || ending);
            sending |= start;
        }
        if (start) {
            pump();
        }
    }

    @Override
    public void bind(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        synchronized (lock) {
            refusal = new RefusedCall(status, headers, json);
            lock.notifyAll();
        }
    }

    @Override
    public void openStream(Map<String, String> headers) {
        request.setAttribute(HEADERS, headers);
        synchronized (lock) {
            opened = true;
            lock.notifyAll();
        }
    }

    @Override
    public boolean sendEvent(String event, String data) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, data);
        if (event != null) {
            builder.name(event); // none: a data-only event, as OpenAI's streams are
        }
        return enqueue(new Queued(builder.build(), (event == null ? 0 : event.length()) + data.length()));
    }

    @Override
    public boolean sendComment(String text) {
        return enqueue(new Queued(sse.newEventBuilder().comment(text).build(), text.length()));
    }

    @Override
    public void closeStream() {
        boolean start;
        synchronized (lock) {
            ending = true;
            start = !sending && !closed && !held;
            sending |= start;
        }
        if (start) {
            write(this::pump);
        }
    }

    private record Queued(OutboundSseEvent event, int size) {
    }

    private boolean enqueue(Queued item) {
        boolean room;
        boolean start;
        boolean dead;
        synchronized (lock) {
            dead = gone.get() || closed; // while ending, an event still goes out before the close
            room = true;
            start = false;
            if (!dead) {
                queue.add(item);
                queued += item.size();
                room = queued <= BOUND;
                full |= !room;
                start = !sending && !held;
                sending |= start;
            }
        }
        if (dead) {
            gone(); // the stream has ended: nothing more can reach this client
        } else if (start) {
            write(this::pump);
        }
        return room;
    }

    /**
     * On a writer thread (or the container's, from {@link #resourceMethodReturning()}): sends queued
     * events one after another while their stages complete at once.
     */
    private void pump() {
        while (true) {
            Queued next;
            boolean close = false;
            boolean roomAgain = false;
            synchronized (lock) {
                next = gone.get() ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    close = ending && !closed && !gone.get();
                    closed |= close;
                } else {
                    queued -= next.size();
                    roomAgain = full && queued <= BOUND;
                    full &= !roomAgain;
                }
            }
            if (roomAgain) {
                writable();
            }
            if (next == null) {
                if (close) {
                    closeSink();
                }
                return;
            }
            CompletionStage<?> stage;
            try {
                stage = sink.send(next.event());
            } catch (RuntimeException closedOrFailed) {
                gone();
                return;
            }
            CompletableFuture<?> done = doneOrNull(stage);
            if (done == null) {
                // one send in flight: the next goes when this one completes, on a writer thread again
                stage.whenComplete((value, failure) -> {
                    if (failed(value, failure)) {
                        gone();
                    } else {
                        write(this::pump);
                    }
                });
                return;
            }
            if (failedNow(done) || sink.isClosed()) {
                gone(); // closed under us: Jersey closes the sink when a write on another thread failed
                return;
            }
        }
    }

    private static CompletableFuture<?> doneOrNull(CompletionStage<?> stage) {
        try {
            CompletableFuture<?> future = stage.toCompletableFuture();
            return future.isDone() ? future : null;
        } catch (UnsupportedOperationException notAFuture) {
            return null;
        }
    }

    private static boolean failedNow(CompletableFuture<?> done) {
        return done.isCompletedExceptionally() || done.isCancelled() || done.getNow(null) instanceof Throwable;
    }

    /** Jersey reports a failed write as a completed stage whose value is the exception. */
    private static boolean failed(Object value, Throwable failure) {
        return failure != null || value instanceof Throwable;
    }

    private void write(Runnable task) {
        try {
            writers.execute(task);
        } catch (RejectedExecutionException stopping) {
            gone(); // the application is stopping
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            LOG.debug("The event stream did not close cleanly", alreadyGone);
        }
    }

    private void writable() {
        Callbacks c = callbacks;
        if (c != null) {
            c.writable(); // only enqueues an event of the call: it neither blocks nor throws
        }
    }

    /** The core ends the exchange without an answer: what is queued is dropped and the sink closed. */
    @Override
    public void abort() {
        if (gone.compareAndSet(false, true)) {
            dropAndClose();
        }
    }

    /** Reports the client gone once, drops what is queued and closes the sink on a writer thread. */
    private void gone() {
        if (!gone.compareAndSet(false, true)) {
            return;
        }
        dropAndClose();
        Callbacks c = callbacks;
        if (c != null) {
            c.clientGone();
        }
        runOnClientGone();
    }

    private void dropAndClose() {
        boolean close;
        synchronized (lock) {
            queue.clear();
            queued = 0;
            close = !closed;
            closed = true;
            lock.notifyAll(); // a resource method waiting for the stream to open returns
        }
        if (close) {
            try {
                writers.execute(this::closeSink);
            } catch (RejectedExecutionException stopping) {
                // the container closes what is left
            }
        }
    }
}
