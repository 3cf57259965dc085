package dev.chatroute.internal.routing;

import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.RoutingSettings;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One target's SmallRye Fault Tolerance guard, shared by every call to it: retries with backoff
 * around a circuit breaker. A guarded try completes when the answer began (its first delta) and
 * fails with {@link AttemptFailed} before that; what a failure means was decided by the caller, so
 * the guard's predicates only read it.
 *
 * <p>The circuit opens after {@code failure-threshold} consecutive failures (a rolling window of that
 * many calls, all failed), refuses calls without touching the network for {@code delay}, then lets
 * one trial call through: its success closes the circuit, its failure opens it again.
 */
public final class TargetGuard {

    private final Target target;
    private final Duration delay;
    private final LongSupplier nanoTime;
    private final TypedGuard<CompletionStage<Void>> guard;
    private volatile long openedAtNanos;
    private volatile boolean open;

    TargetGuard(Target target, RoutingSettings s, LongSupplier nanoTime) {
        this.target = target;
        this.delay = s.circuitDelay();
        this.nanoTime = nanoTime;
        FaultToleranceThreads.beforeFirstGuard();
        this.guard = TypedGuard.create(completionStageOfVoid())
                .withDescription("chatroute target " + target)
                .withRetry()
                    .maxRetries(s.maxAttempts() - 1)
                    .delay(s.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(1, ChronoUnit.DAYS) // the call's total timeout is the real limit
                    .whenException(e -> e instanceof AttemptFailed f && f.retry())
                    .withCustomBackoff()
                        .strategy(() -> new Backoff(s.initialDelay(), s.maxDelay(),
                                bound -> ThreadLocalRandom.current().nextLong(bound + 1)))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(s.failureThreshold())
                    .failureRatio(1.0)
                    .successThreshold(1)
                    .delay(s.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(e -> e instanceof AttemptFailed f && f.hurtsCircuit())
                    .onStateChange(this::changed)
                    .done()
                .withThreadOffload(false)
                .build();
    }

    /** Runs {@code attempt}, retried as the failures it reports allow, unless the circuit is open. */
    public CompletionStage<Void> call(Supplier<CompletionStage<Void>> attempt) {
        return guard.get(attempt);
    }

    public Target target() {
        return target;
    }

    /** How long until an open circuit lets a trial call through; zero when it is not open. */
    public Duration untilTrial() {
        if (!open) {
            return Duration.ZERO;
        }
        Duration left = delay.minusNanos(nanoTime.getAsLong() - openedAtNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void changed(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            openedAtNanos = nanoTime.getAsLong();
            open = true;
            Router.LOG.warn("Circuit of {} opened after repeated failures; calls skip it for {} ms", target,
                    delay.toMillis());
        } else {
            open = false;
            Router.LOG.info("Circuit of {} is {}", target, state == CircuitBreakerState.CLOSED ? "closed again"
                    : "half-open: one trial call goes through");
        }
    }

    /** The guarded type, without CDI's TypeLiteral (the CDI API is not on every class path). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<CompletionStage<Void>> completionStageOfVoid() {
        return (Class) CompletionStage.class;
    }
}
