package dev.chatroute.testing;

import dev.chatroute.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only when a test says so: {@link #advance} runs, on the
 * test's thread, every task that falls due, in order. So a test of a timeout proves both that it
 * fires when due and that it has not fired a moment before, without sleeping.
 */
public final class ManualScheduler implements Scheduler {

    private record Entry(long due, long order, Runnable task, boolean[] cancelled) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong(Entry::due).thenComparingLong(Entry::order));
    private long now = 1_000_000_000L;
    private long order;
    private int scheduled;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Task schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        scheduled++;
        queue.add(new Entry(now + Math.max(0, delay.toNanos()), order++, task, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward by {@code step}, running each task that falls due (tasks run outside this lock). */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = Math.max(now, next.due());
                if (next.cancelled()[0]) {
                    continue;
                }
            }
            next.task().run();
        }
    }

    /**
     * How many tasks were ever scheduled: a test that must not move time before a call has armed a
     * timer (which happens on the call's own thread) waits for this count to grow.
     */
    public synchronized int scheduledCount() {
        return scheduled;
    }

    /** How many tasks are waiting (cancelled ones excluded). */
    public synchronized int pending() {
        List<Entry> live = new ArrayList<>();
        for (Entry e : queue) {
            if (!e.cancelled()[0]) {
                live.add(e);
            }
        }
        return live.size();
    }
}
