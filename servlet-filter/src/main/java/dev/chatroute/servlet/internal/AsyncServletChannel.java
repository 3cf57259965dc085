package dev.chatroute.servlet.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the core's answer to an async servlet response with non-blocking I/O: what the core sends
 * is queued here and written by a {@link WriteListener} while the container says
 * {@link ServletOutputStream#isReady()}, so no thread ever waits on a slow client. Events follow the
 * SSE rules: CR and LF stripped from names, one {@code data:} line per payload line, a blank line
 * after each event, a flush after each write. A failed write is told once through
 * {@link Callbacks#clientGone()}.
 *
 * <p>Only one thread writes at a time: the core's thread after queueing, or the container's in
 * {@code onWritePossible}; a work counter elects it without a lock around the I/O.
 */
public final class AsyncServletChannel implements ResponseChannel {

    /**
     * Queued bytes past which {@link #sendEvent} asks the core to wait: a few dozen events of a
     * typical answer, so a reader that stops costs this much memory per call beyond the container's
     * own buffer, while a fast one never waits.
     */
    public static final int BOUND = 64 * 1024;

    /** Queued chunks are joined into one write up to this size: fewer writes and flushes, small copies. */
    private static final int BATCH = 16 * 1024;

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile Callbacks callbacks;
    private volatile ServletOutputStream out;

    private final Object lock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(); // guarded by lock, as are the fields below
    private long queued;
    private boolean full;
    private boolean unflushed;
    private boolean ending;

    public AsyncServletChannel(AsyncContext async) {
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
    }

    @Override
    public void bind(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            response.setStatus(status);
            applyHeaders(headers);
            response.setContentLength(body.length);
        } catch (IllegalStateException alreadyEnded) {
            complete();
            return;
        }
        if (listen()) {
            synchronized (lock) {
                if (body.length > 0) {
                    queue.add(body);
                    queued += body.length;
                }
                ending = true;
            }
            drain();
        }
    }

    @Override
    public void openStream(Map<String, String> headers) {
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            applyHeaders(headers);
        } catch (IllegalStateException alreadyEnded) {
            gone();
            return;
        }
        if (listen()) {
            synchronized (lock) {
                unflushed = true; // an empty flush commits the status and headers at once
            }
            drain();
        }
    }

    @Override
    public boolean sendEvent(String event, String data) {
        return enqueue(SseFormat.event(event, data));
    }

    @Override
    public boolean sendComment(String text) {
        return enqueue(SseFormat.comment(text));
    }

    @Override
    public void closeStream() {
        synchronized (lock) {
            ending = true;
        }
        if (gone.get()) {
            complete();
        } else {
            drain();
        }
    }

    /** Ends the async cycle once, whoever asks first (the writer, or a container event). */
    public void complete() {
        if (completed.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                // the container ended it first (error or timeout dispatch)
            }
        }
    }

    private boolean enqueue(byte[] bytes) {
        boolean room;
        synchronized (lock) {
            if (completed.get() || gone.get()) {
                room = true; // nothing will be written; clientGone tells the core so
            } else {
                queue.add(bytes);
                queued += bytes.length;
                room = queued <= BOUND;
                full |= !room;
            }
        }
        if (completed.get() || gone.get()) {
            gone();
        } else {
            drain();
        }
        return room;
    }

    /** Sets the write listener; the servlet API allows one per response, in async mode. */
    private boolean listen() {
        try {
            ServletOutputStream stream = response.getOutputStream();
            out = stream;
            stream.setWriteListener(new Listener());
            return true;
        } catch (IOException | IllegalStateException e) {
            gone();
            return false;
        }
    }

    /** Writes while the container takes it; whoever else asks meanwhile only adds a round for the current writer. */
    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                writeWhileReady();
            } catch (IOException | IllegalStateException e) {
                gone();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void writeWhileReady() throws IOException {
        ServletOutputStream stream = out;
        while (stream != null && !completed.get() && !gone.get()) {
            boolean flush;
            synchronized (lock) {
                if (queue.isEmpty() && !unflushed && !ending) {
                    return; // nothing to do: leave isReady alone, so no callback is owed
                }
                flush = unflushed;
            }
            if (!stream.isReady()) {
                return; // the container calls onWritePossible when it can take more
            }
            if (flush) {
                stream.flush();
                synchronized (lock) {
                    unflushed = false;
                }
                continue;
            }
            Batch batch = takeBatch();
            if (batch == null) {
                complete(); // ending, and everything is written and flushed
                return;
            }
            stream.write(batch.bytes);
            if (batch.roomAgain) {
                writable();
            }
        }
    }

    private record Batch(byte[] bytes, boolean roomAgain) {
    }

    private Batch takeBatch() {
        synchronized (lock) {
            byte[] first = queue.poll();
            if (first == null) {
                return null;
            }
            byte[] bytes = first;
            if (first.length < BATCH && !queue.isEmpty() && queue.peek().length + first.length <= BATCH) {
                int size = first.length;
                for (byte[] next : queue) {
                    if (size + next.length > BATCH) {
                        break;
                    }
                    size += next.length;
                }
                bytes = new byte[size];
                System.arraycopy(first, 0, bytes, 0, first.length);
                for (int at = first.length; at < size; ) {
                    byte[] next = queue.poll();
                    System.arraycopy(next, 0, bytes, at, next.length);
                    at += next.length;
                }
            }
            queued -= bytes.length;
            unflushed = true;
            boolean roomAgain = full && queued <= BOUND;
            full &= !roomAgain;
            return new Batch(bytes, roomAgain);
        }
    }

    private void writable() {
        Callbacks c = callbacks;
        if (c != null) {
            c.writable(); // only enqueues an event of the call: it neither blocks nor throws
        }
    }

    /** The core ends the exchange without an answer: what is queued is dropped and the response ends. */
    @Override
    public void abort() {
        if (gone.compareAndSet(false, true)) {
            dropAndComplete();
        }
    }

    /** Reports the client gone once, drops what is queued and ends the response. */
    private void gone() {
        if (!gone.compareAndSet(false, true)) {
            return;
        }
        dropAndComplete();
        Callbacks c = callbacks;
        if (c != null) {
            c.clientGone();
        }
    }

    private void dropAndComplete() {
        synchronized (lock) {
            queue.clear();
            queued = 0;
        }
        complete();
    }

    private void applyHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.setHeader(name, value);
            }
        });
    }

    private final class Listener implements WriteListener {

        @Override
        public void onWritePossible() {
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            gone();
        }
    }
}
