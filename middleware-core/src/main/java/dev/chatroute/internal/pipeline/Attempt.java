package dev.chatroute.internal.pipeline;

import dev.chatroute.Usage;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One try of one target. Until its first delta it belongs to the {@link ChainCall}: a failure or a
 * first-token timeout fails {@link #began} and the chain decides (retry, next target, error). From
 * the first delta (or an answer without text) it is committed: {@link #began} completes and every
 * callback goes straight to the {@link CallSession}, because text already sent can never be retried.
 *
 * <p>State is guarded by the session's lock; {@link #began} is completed outside it, so that the
 * guard and the chain, which may start the next try at once, never run under the session's lock.
 */
final class Attempt implements ProviderListener {

    final Target target;
    final CompletableFuture<Void> began = new CompletableFuture<>();
    private final CallSession session;
    ProviderCall call;
    ScheduledFuture<?> firstTokenTimer;
    private boolean committed;
    private boolean over; // failed before its answer began

    Attempt(CallSession session, Target target) {
        this.session = session;
        this.target = target;
    }

    @Override
    public void onDelta(String piece) {
        if (piece.isEmpty()) {
            return;
        }
        boolean first;
        synchronized (session) {
            if (!live()) {
                return;
            }
            first = commit();
            session.delta(piece);
        }
        if (first) {
            began.complete(null);
        }
    }

    @Override
    public void onUsage(Usage usage) {
        synchronized (session) {
            if (live()) {
                session.usage(usage);
            }
        }
    }

    @Override
    public void onComplete(String finishReason) {
        boolean first;
        synchronized (session) {
            if (!live()) {
                return;
            }
            first = commit();
            session.complete(finishReason);
        }
        if (first) {
            began.complete(null);
        }
    }

    @Override
    public void onError(ProviderException failure) {
        synchronized (session) {
            if (!live()) {
                return;
            }
            if (committed) {
                session.failAfterFirstDelta(failure);
                return;
            }
            over = true;
            session.cancelTimer(firstTokenTimer);
        }
        began.completeExceptionally(failure);
    }

    /** No first token in time: this try is abandoned (the provider sees its connection close). */
    void firstTokenTimedOut(String what) {
        synchronized (session) {
            if (!live() || committed) {
                return;
            }
            over = true;
            if (call != null) {
                call.cancel();
            }
        }
        began.completeExceptionally(new AttemptTimeout(target.provider(), what));
    }

    /** Whether callbacks of this try still count: the call goes on, this is its current try, not failed. */
    private boolean live() {
        return !session.ended() && session.currentAttempt() == this && !over;
    }

    private boolean commit() {
        if (committed) {
            return false;
        }
        committed = true;
        session.cancelTimer(firstTokenTimer);
        return true;
    }
}
