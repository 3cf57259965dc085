package dev.chatroute.spi;

import java.time.Duration;

/**
 * The time that drives a gateway: its timeouts, keepalives, retry budget and limits. The default
 * reads {@link System#nanoTime()} and runs tasks on one daemon thread; tests give a scheduler whose
 * time they move by hand. Tasks only hand an event to a call, so they must be quick: they never
 * write to a socket, call Redis or run a listener.
 */
public interface Scheduler {

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once, after {@code delay}. */
    Task schedule(Runnable task, Duration delay);

    /** A scheduled task. */
    interface Task {

        /** The task will not run, if it has not started yet. Safe to call more than once. */
        void cancel();
    }
}
