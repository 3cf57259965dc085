package dev.chatroute.internal.pipeline;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's events one at a time, in the order they were submitted, on whichever thread
 * submits them: the first submitter drains the queue, the others only enqueue and return. So no
 * thread ever waits for a call (a provider thread, a timer and a container thread may all deliver
 * at once), and the call's state needs no lock: only the draining thread touches it. An event that
 * submits another (a handler that cancels a provider whose callback fires at once) queues it behind
 * itself instead of running it re-entrantly.
 */
final class CallLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CallLoop.class);

    /** The MDC key under which a call's request id stands while Chatroute works (and logs) for it. */
    static final String MDC_KEY = "chatrouteRequestId";

    private final String requestId;
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread draining;

    CallLoop(String requestId) {
        this.requestId = requestId;
    }

    void submit(Runnable event) {
        events.add(event);
        if (pending.getAndIncrement() != 0) {
            return; // another thread is draining, and will run this one too
        }
        draining = Thread.currentThread();
        try (CallMdc ignored = CallMdc.of(requestId)) {
            do {
                Runnable next = events.poll();
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("A call's event failed", e);
                }
            } while (pending.decrementAndGet() != 0);
        }
    }

    /**
     * Whether the calling thread runs (or last ran) this call's events: such a thread may submit
     * more directly. Any other thread (a retry timer) is never made to run the call's work.
     */
    boolean onLoop() {
        return draining == Thread.currentThread();
    }
}
