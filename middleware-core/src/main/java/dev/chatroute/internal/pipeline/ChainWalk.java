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
 * circuit), then the next. Once the first delta is out, the walk is over and the {@link Call}
 * alone finishes the answer. Its decisions run on the call's loop; only the guards' retry timer
 * calls into it from elsewhere, and that only asks the call for a new try.
 */
final class ChainWalk {

    private static final Logger LOG = LoggerFactory.getLogger("dev.chatroute.routing");

    private final Call call;
    private final Router router;
    private final List<Target> order;
    private int next;
    private ProviderException lastFailure;
    private TargetGuard lastOpen;

    ChainWalk(Call call, Router router, List<Target> order) {
        this.call = call;
        this.router = router;
        this.order = order;
    }

    Target first() {
        return order.get(0);
    }

    void start() {
        tryNextTarget();
    }

    private void tryNextTarget() {
        if (call.ended()) {
            return;
        }
        if (next == order.size()) {
            call.chainFailed(finalError());
            return;
        }
        Target target = order.get(next++);
        TargetGuard guard = router.guard(target);
        RetryBudget budget = router.budget(target.provider());
        budget.recordCall();
        CompletionStage<Void> answer;
        try {
            answer = guard.call(n -> tryOnce(guard, n, budget), () -> !call.ended());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((began, failure) -> {
            if (failure != null) {
                call.submit(() -> failed(guard, unwrap(failure)));
            }
        });
    }

    /** One try: the call's {@link Attempt}, its provider failure turned into the guard's decision. */
    private CompletionStage<Void> tryOnce(TargetGuard guard, int n, RetryBudget budget) {
        Target target = guard.target();
        if (n > 1) {
            LOG.info("Retrying {} (try {} of {}) for request {}", target, n, router.settings().maxAttempts(),
                    call.requestId());
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        call.attempt(guard, n, next > 1).whenComplete((began, failure) -> {
            if (failure == null) {
                result.complete(null);
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof ProviderException p) {
                boolean retry = mayRetry(p, n, budget);
                result.completeExceptionally(AttemptFailed.of(p, retry,
                        delay -> call.retryScheduled(target, p, Duration.ofMillis(delay))));
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /** Decided once per failure, spending from the budget only when a retry will really happen. */
    private boolean mayRetry(ProviderException failure, int attempt, RetryBudget budget) {
        RoutingSettings s = router.settings();
        if (!RetryPolicy.retryable(failure) || attempt >= s.maxAttempts() || call.ended()) {
            return false;
        }
        Duration wait = failure.retryAfter().orElse(null);
        if (wait != null && wait.compareTo(s.maxRetryAfter()) > 0) {
            return false; // longer than we let a person wait: the next target it is
        }
        if (!budget.tryRetry()) {
            LOG.warn("Retry budget of provider {} is spent; not retrying request {}", failure.provider(),
                    call.requestId());
            return false;
        }
        return true;
    }

    private void failed(TargetGuard guard, Throwable failure) {
        if (call.ended()) {
            return;
        }
        Target following = next < order.size() ? order.get(next) : null;
        if (failure instanceof CircuitBreakerOpenException) {
            LOG.debug("Skipping {}: its circuit is open", guard.target());
            lastOpen = guard;
            call.circuitSeen(guard);
            if (following != null) {
                call.fellBack(guard.target(), following, "circuit_open");
            }
            tryNextTarget();
            return;
        }
        if (!(failure instanceof AttemptFailed attempt) || attempt.failure() == null) {
            if (!(failure instanceof AttemptFailed)) {
                LOG.error("Routing request {} failed unexpectedly", call.requestId(), failure);
                call.chainFailed(ErrorMapper.internal());
            }
            return;
        }
        ProviderException p = attempt.failure();
        lastFailure = p;
        lastOpen = null;
        if (!RetryPolicy.movesOn(p)) {
            call.chainFailed(ErrorMapper.fromProvider(p));
            return;
        }
        if (RetryPolicy.misconfigured(p)) {
            LOG.warn("Target {} is misconfigured: the provider answered HTTP {} (check chatroute.providers.{}.api-key "
                    + "and the model name){}", guard.target(), p.status(), guard.target().provider(),
                    following != null ? "; trying " + following : "");
        } else if (RetryPolicy.notAnEndpoint(p)) {
            String hint = p.status() == 413 ? "the request is too large for it"
                    : "check chatroute.providers." + guard.target().provider() + ".base-url";
            LOG.warn("Target {} answered HTTP {} instead of a chat completion ({}){}", guard.target(), p.status(), hint,
                    following != null ? "; trying " + following : "");
        } else if (following != null) {
            LOG.info("Target {} failed ({}); falling back to {}", guard.target(), p.kind(), following);
        }
        if (following != null) {
            call.fellBack(guard.target(), following, Call.why(p));
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

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
