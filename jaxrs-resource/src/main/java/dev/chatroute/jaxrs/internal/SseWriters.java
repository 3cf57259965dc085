package dev.chatroute.jaxrs.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that call {@code SseEventSink.send} for the JAX-RS route: Jersey's sink writes with
 * blocking servlet I/O on the calling thread, so the core's thread must never call it. A thread is
 * busy only while an event is being written; one that has been idle for {@link #IDLE_SECONDS} ends,
 * so an application that stops (its streams closed by the gateway) leaves no writer behind. A
 * client that stops reading holds one writer thread until the container's write or idle timeout
 * fails the write. Daemon threads named {@code chatroute-sse-writer-N}.
 */
public final class SseWriters {

    /** Short, so that undeploying an application leaves no idle writer of its class loader for long. */
    static final long IDLE_SECONDS = 2;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static ThreadPoolExecutor pool; // guarded by SseWriters.class

    private SseWriters() {
    }

    /** The shared writers, started on first use (and again after {@link #release()}). */
    public static synchronized ExecutorService shared() {
        if (pool == null || pool.isShutdown()) {
            pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), SseWriters::thread);
        }
        return pool;
    }

    /** Stops the writers once what they are writing ends; for an application that is going away. */
    public static synchronized void release() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    private static Thread thread(Runnable task) {
        Thread thread = new Thread(task, "chatroute-sse-writer-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        // this jar's loader, not the caller's: a writer must not keep another application's loader alive
        thread.setContextClassLoader(SseWriters.class.getClassLoader());
        return thread;
    }
}
