package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.RoutingSettings;
import dev.chatroute.internal.routing.AttemptFailed;
import dev.chatroute.internal.routing.RetryBudget;
import dev.chatroute.internal.routing.RetryPolicy;
import dev.chatroute.internal.routing.Router;
import dev.chatroute.internal.routing.TargetGuard;
import dev.chatroute.spi.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks one call along its chain until an answer begins: each target through its guard (retries,
 * circuit), then the next. Once the first delta is out, the chain's work is over and the
 * {@link CallSession} alone finishes the answer. Tries run one at a time, so the fields need no lock
 * beyond visibility.
 */
final class ChainCall {

    private static final Logger LOG = LoggerFactory.getLogger("dev.chatroute.routing");

    private final CallSession session;
    private final Router router;
    private final List<Target> order;
    private volatile int next;
    private volatile int retries;
    private volatile ProviderException lastFailure;
    private volatile TargetGuard lastOpen;

    ChainCall(CallSession session, Router router, List<Target> order) {
        this.session = session;
        this.router = router;
        this.order = order;
    }

    /** Retries of a target so far (first tries not counted). */
    int retries() {
        return retries;
    }

    /** Whether the answer comes (or was to come) from another target than the first. */
    boolean fellBack() {
        return next > 1;
    }

    void start() {
        tryNextTarget();
    }

    private void tryNextTarget() {
        if (session.ended()) {
            return;
        }
        if (next == order.size()) {
            session.chainFailed(finalError());
            return;
        }
        Target target = order.get(next++);
        TargetGuard guard = router.guard(target);
        RetryBudget budget = router.budget(target.provider());
        budget.recordCall();
        int[] tries = {0};
        CompletionStage<Void> answer;
        try {
            answer = guard.call(() -> tryOnce(target, ++tries[0], budget));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((began, failure) -> {
            if (failure != null) {
                failed(guard, unwrap(failure));
            }
        });
    }

    private CompletionStage<Void> tryOnce(Target target, int attempt, RetryBudget budget) {
        if (session.ended()) {
            return CompletableFuture.failedFuture(AttemptFailed.callEnded()); // a pending retry of a call that ended
        }
        if (attempt > 1) {
            retries++;
            LOG.info("Retrying {} (try {} of {}) for request {}", target, attempt,
                    router.settings().maxAttempts(), session.requestId());
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        session.attempt(target).whenComplete((began, failure) -> {
            if (failure == null) {
                result.complete(null);
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof ProviderException p) {
                result.completeExceptionally(AttemptFailed.of(p, mayRetry(p, attempt, budget)));
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /** Decided once per failure, spending from the budget only when a retry will really happen. */
    private boolean mayRetry(ProviderException failure, int attempt, RetryBudget budget) {
        RoutingSettings s = router.settings();
        if (!RetryPolicy.retryable(failure) || attempt >= s.maxAttempts() || session.ended()) {
            return false;
        }
        Duration wait = failure.retryAfter().orElse(null);
        if (wait != null && wait.compareTo(s.maxRetryAfter()) > 0) {
            return false; // longer than we let a person wait: the next target it is
        }
        if (!budget.tryRetry()) {
            LOG.warn("Retry budget of provider {} is spent; not retrying request {}", failure.provider(),
                    session.requestId());
            return false;
        }
        return true;
    }

    private void failed(TargetGuard guard, Throwable failure) {
        if (session.ended()) {
            return;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            LOG.debug("Skipping {}: its circuit is open", guard.target());
            lastOpen = guard;
            tryNextTarget();
            return;
        }
        if (!(failure instanceof AttemptFailed attempt) || attempt.failure() == null) {
            if (!(failure instanceof AttemptFailed)) {
                LOG.error("Routing request {} failed unexpectedly", session.requestId(), failure);
                session.chainFailed(ErrorMapper.internal());
            }
            return;
        }
        ProviderException p = attempt.failure();
        lastFailure = p;
        lastOpen = null;
        if (!RetryPolicy.movesOn(p)) {
            session.chainFailed(ErrorMapper.fromProvider(p));
            return;
        }
        if (RetryPolicy.misconfigured(p)) {
            LOG.warn("Target {} is misconfigured: the provider answered HTTP {} (check chatroute.providers.{}.api-key "
                    + "and the model name){}", guard.target(), p.status(), guard.target().provider(),
                    next < order.size() ? "; trying " + order.get(next) : "");
        } else if (next < order.size()) {
            LOG.info("Target {} failed ({}); falling back to {}", guard.target(), p.kind(), order.get(next));
        }
        tryNextTarget();
    }

    /** Every target failed or was skipped: the last one's failure decides the answer. */
    private ApiError finalError() {
        TargetGuard open = lastOpen;
        if (open != null || lastFailure == null) {
            Duration wait = open == null ? Duration.ofSeconds(1) : open.untilTrial();
            return ErrorMapper.circuitOpen(wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
        return ErrorMapper.fromProvider(lastFailure);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
