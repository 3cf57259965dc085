package dev.chatroute.internal.pipeline;

import dev.chatroute.spi.Scheduler;
import dev.chatroute.spi.Scheduler.Task;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A call's timers. A timer only posts its event to the call, whose loop then runs on the gateway's
 * worker threads, never on the scheduler's: so a timer thread never writes, settles or notifies,
 * and one slow call cannot delay another's timeouts. Used on the call's loop only.
 */
final class CallTimers {

    /** The timers a call can have running, at most one of each. */
    enum Kind {
        /** The whole call: {@code timeouts.total}. */
        TOTAL,
        /** The current try's first token: {@code timeouts.first-token}. */
        FIRST_TOKEN,
        /** Silence in the middle of an answer: {@code timeouts.idle}. */
        IDLE,
        /** A client that does not read what it was sent: also {@code timeouts.idle}. */
        STUCK,
        /** The next keepalive comment of an open stream. */
        KEEPALIVE
    }

    private final Scheduler scheduler;
    private final Executor workers;
    private final Call call;
    private final Map<Kind, Task> running = new EnumMap<>(Kind.class);

    CallTimers(Scheduler scheduler, Executor workers, Call call) {
        this.scheduler = scheduler;
        this.workers = workers;
        this.call = call;
    }

    /** Starts (or restarts) a timer; {@code event} runs on the call's loop when it fires. */
    void start(Kind kind, Duration delay, Runnable event) {
        stop(kind);
        Task[] self = new Task[1];
        self[0] = scheduler.schedule(() -> workers.execute(() -> call.submit(() -> {
            if (running.get(kind) == self[0]) { // not stopped or restarted since it fell due
                running.remove(kind);
                event.run();
            }
        })), delay);
        running.put(kind, self[0]);
    }

    void stop(Kind kind) {
        Task task = running.remove(kind);
        if (task != null) {
            task.cancel();
        }
    }

    void stopAll() {
        running.values().forEach(Task::cancel);
        running.clear();
    }

    long nanoTime() {
        return scheduler.nanoTime();
    }
}
