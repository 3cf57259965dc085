package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what ended calls hold (permits given back, reservations refunded or charged) without
 * making anyone wait: an in-memory store is settled inline, a shared one asynchronously.
 *
 * <p>A settlement the shared store does not take is kept and retried, never dropped: a lost
 * give-back would lock its user out of {@code concurrent_streams} until the slow safety refill.
 * Retries back off (one probe first, then the rest once it went through) on one daemon thread,
 * started only when needed, and end when the settlement would no longer matter (after its limit's
 * refill period). At most {@link SettleTuning#maxPending} are kept; beyond that the oldest are
 * dropped, as a bound beats running out of memory. An outage is logged once at WARN, its end at INFO.
 */
final class Settler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Settler.class);

    private enum Op { GIVE_BACK, CHARGE }

    private final TimeMeter clock;
    private final SettleTuning tuning;
    private final Duration flushTimeout;
    private final Object lock = new Object();
    // Guarded by lock: in order of arrival, so the oldest go first when full.
    private final LinkedHashSet<Pending> pending = new LinkedHashSet<>();
    private ScheduledExecutorService scheduler;
    private boolean retryScheduled;
    private long backoffNanos;
    private boolean failing;
    private long dropped;
    private boolean closed;

    /** @param flushTimeout how long {@link #close} waits for the last attempts: the store's command timeout */
    Settler(TimeMeter clock, SettleTuning tuning, Duration flushTimeout) {
        this.clock = clock;
        this.tuning = tuning;
        this.flushTimeout = flushTimeout;
        this.backoffNanos = tuning.firstRetry().toNanos();
    }

    /** Gives {@code tokens} back to {@code bucket} (of limit {@code kind}) in {@code store}. */
    void giveBack(BucketStore store, LimitKind kind, BucketSpec bucket, long tokens) {
        settle(new Pending(store, Op.GIVE_BACK, kind, bucket, tokens));
    }

    /** Takes {@code tokens} from {@code bucket} even below zero: usage beyond a reservation. */
    void charge(BucketStore store, LimitKind kind, BucketSpec bucket, long tokens) {
        settle(new Pending(store, Op.CHARGE, kind, bucket, tokens));
    }

    private void settle(Pending p) {
        if (p.tokens <= 0) {
            return;
        }
        if (!p.store.shared()) {
            p.start().whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.debug("Could not settle {} in {}: {}", p.bucket.key(), p.store.description(), e.getMessage());
                }
            });
            return;
        }
        long droppedNow = 0;
        boolean firstDrop;
        synchronized (lock) {
            if (closed) {
                LOG.debug("Not settling {}: the limiter is closed", p.bucket.key());
                return;
            }
            while (pending.size() >= tuning.maxPending()) {
                Iterator<Pending> oldest = pending.iterator();
                oldest.next().done = true;
                oldest.remove();
                droppedNow++;
            }
            firstDrop = droppedNow > 0 && dropped == 0;
            dropped += droppedNow;
            pending.add(p);
            p.inFlight = true;
        }
        if (firstDrop) { // once per outage; the recovery line says how many in all
            LOG.warn("{} settlements of ended calls are waiting for {}, the most kept; dropping the oldest"
                    + " (permits among them come back by the safety refill, within {} minutes)",
                    tuning.maxPending(), p.store.description(), LimitKind.STREAMS.period().toMinutes());
        }
        attempt(p);
    }

    /** One try; on failure the settlement waits for a retry. Completes with whether it went through. */
    private CompletableFuture<Boolean> attempt(Pending p) {
        CompletableFuture<Boolean> result = p.start().handle((ok, error) -> {
            if (error == null) {
                succeeded(p);
                return true;
            }
            failed(p, error);
            return false;
        });
        p.attempt = result;
        return result;
    }

    private void succeeded(Pending p) {
        long droppedInOutage;
        int left;
        synchronized (lock) {
            p.settled = true;
            p.done = true;
            p.inFlight = false;
            pending.remove(p);
            backoffNanos = tuning.firstRetry().toNanos();
            if (!failing) {
                return;
            }
            failing = false;
            droppedInOutage = dropped;
            dropped = 0;
            left = pending.size();
        }
        LOG.info("{} takes settlements of ended calls again ({} still to retry{})", p.store.description(), left,
                droppedInOutage == 0 ? "" : "; " + droppedInOutage + " were dropped, as too many were waiting");
    }

    private void failed(Pending p, Throwable error) {
        boolean expired = clock.currentTimeNanos() - p.deadline >= 0;
        boolean warn;
        int waiting;
        LOG.debug("Settling {} in {} failed: {}", p.bucket.key(), p.store.description(), error.getMessage());
        synchronized (lock) {
            p.inFlight = false;
            if (p.done) {
                return; // dropped, as too many were waiting
            }
            if (expired || closed) {
                p.done = true;
                pending.remove(p);
            }
            warn = !failing && !expired && !closed;
            failing |= warn;
            waiting = pending.size();
        }
        if (expired) {
            gaveUp(p);
            return;
        }
        if (warn) {
            LOG.warn("Could not settle an ended call in {} ({}); retrying with backoff until it answers"
                    + " ({} waiting, at most {} kept)", p.store.description(), error.getMessage(), waiting,
                    tuning.maxPending());
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        synchronized (lock) {
            if (closed || retryScheduled) {
                return;
            }
            retryScheduled = true;
            long delay = backoffNanos;
            backoffNanos = Math.min(backoffNanos * 2, tuning.maxRetry().toNanos());
            scheduler().schedule(this::retry, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** On the settle thread: tries the oldest waiting settlement, and the others once it went through. */
    private void retry() {
        Pending probe = null;
        synchronized (lock) {
            retryScheduled = false;
            if (closed) {
                return; // close() makes the last attempt
            }
            for (Pending p : waiting()) {
                probe = p;
                p.inFlight = true;
                break;
            }
        }
        if (probe != null) {
            attempt(probe).thenAccept(through -> {
                if (through) {
                    runOnSettleThread(this::drain);
                }
            });
        }
    }

    private void drain() {
        List<Pending> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            all = waiting();
            all.forEach(p -> p.inFlight = true);
        }
        all.forEach(this::attempt);
    }

    /** Those neither settled nor being tried; forgets those that no longer matter. Holds lock. */
    private List<Pending> waiting() {
        List<Pending> ready = new ArrayList<>();
        long now = clock.currentTimeNanos();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.deadline >= 0) {
                p.done = true;
                it.remove();
                gaveUp(p);
            } else if (!p.inFlight) {
                ready.add(p);
            }
        }
        return ready;
    }

    private static void gaveUp(Pending p) {
        LOG.debug("Gave up settling {} in {}: after {} it no longer matters", p.bucket.key(), p.store.description(),
                p.kind.period());
    }

    private void runOnSettleThread(Runnable task) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                scheduler().execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("Settle thread stopped: {}", e.getMessage());
            }
        }
    }

    /** Holds lock. Started on first need, so limiters whose store always answers run no thread. */
    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, task -> {
                Thread t = new Thread(task, "chatroute-limits-settle");
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler = s;
        }
        return scheduler;
    }

    /**
     * Stops retrying, and tries what is still waiting once more, waiting at most the store's
     * command timeout for the answers, so that an undeploy loses no permit a store would take.
     */
    @Override
    public void close() {
        List<Pending> left;
        List<Pending> launch = new ArrayList<>();
        ScheduledExecutorService s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            left = new ArrayList<>(pending);
            for (Pending p : left) {
                if (!p.inFlight) {
                    p.inFlight = true;
                    launch.add(p);
                }
            }
            closed = true; // from here a failed attempt is not retried
            s = scheduler;
        }
        if (s != null) {
            s.shutdownNow();
        }
        if (left.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> answers = new ArrayList<>();
        launch.forEach(p -> answers.add(attempt(p)));
        for (Pending p : left) {
            if (!launch.contains(p) && p.attempt != null) {
                answers.add(p.attempt);
            }
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(flushTimeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // counted below
        }
        long lost = left.stream().filter(p -> !p.settled).count();
        if (lost > 0) {
            LOG.warn("{} settlements of ended calls could not be made in {} before the limiter closed; permits"
                    + " among them come back by the safety refill, within {} minutes", lost,
                    left.get(0).store.description(), LimitKind.STREAMS.period().toMinutes());
        }
    }

    /** One settlement. Its flags are guarded by the settler's lock. */
    private final class Pending {
        final BucketStore store;
        final Op op;
        final LimitKind kind;
        final BucketSpec bucket;
        final long tokens;
        /** After this (clock nanos) the settlement no longer matters: the bucket has refilled anyway. */
        final long deadline;
        boolean inFlight;
        boolean done;
        boolean settled;
        volatile CompletableFuture<Boolean> attempt;

        Pending(BucketStore store, Op op, LimitKind kind, BucketSpec bucket, long tokens) {
            this.store = store;
            this.op = op;
            this.kind = kind;
            this.bucket = bucket;
            this.tokens = tokens;
            this.deadline = clock.currentTimeNanos() + kind.period().toNanos();
        }

        CompletableFuture<Void> start() {
            try {
                return op == Op.GIVE_BACK ? store.addTokensAsync(bucket, tokens) : store.forceConsumeAsync(bucket, tokens);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
