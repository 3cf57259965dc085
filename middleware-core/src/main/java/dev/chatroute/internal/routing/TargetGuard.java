package dev.chatroute.internal.routing;

import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.RoutingSettings;
import dev.chatroute.spi.EventListener.CircuitState;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * One target's MicroProfile Fault Tolerance (SmallRye) guards, shared by every call to it: retries
 * with backoff, around a circuit breaker. They are two guards, not one, so that a retry whose call
 * ended during its backoff is dropped before it reaches the circuit: the breaker hears of real
 * tries only, and of each exactly once. A guarded try completes when its answer began (its first
 * delta) and fails with {@link AttemptFailed} before that.
 *
 * <p>The circuit opens after {@code failure-threshold} consecutive failures (a rolling window of that
 * many calls, all failed), refuses calls without touching the network for {@code delay}, then lets
 * one trial call through: its success closes the circuit, its failure opens it again.
 */
public final class TargetGuard {

    private final Target target;
    private final Duration delay;
    private final LongSupplier nanoTime;
    private final TypedGuard<CompletionStage<Void>> retry;
    private final TypedGuard<CompletionStage<Void>> circuit;
    private volatile long openedAtNanos;
    private volatile CircuitState state = CircuitState.CLOSED;

    TargetGuard(Target target, RoutingSettings s, LongSupplier nanoTime) {
        this.target = target;
        this.delay = s.circuitDelay();
        this.nanoTime = nanoTime;
        FaultToleranceThreads.beforeFirstGuard();
        this.retry = TypedGuard.create(completionStageOfVoid())
                .withDescription("chatroute retries of " + target)
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
                .withThreadOffload(false)
                .build();
        this.circuit = TypedGuard.create(completionStageOfVoid())
                .withDescription("chatroute circuit of " + target)
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

    /**
     * Makes tries of this target until one begins answering, one fails for good, or the call ends:
     * {@code tryNumber} starts try n (1, 2, ...); {@code callLive} is asked before each retry.
     */
    public CompletionStage<Void> call(IntFunction<CompletionStage<Void>> tryNumber, BooleanSupplier callLive) {
        AtomicInteger tries = new AtomicInteger();
        return retry.get(() -> {
            if (!callLive.getAsBoolean()) {
                Router.LOG.info("Dropped a retry of {}: its call has ended", target); // as "Retrying" is told
                return CompletableFuture.failedFuture(AttemptFailed.callEnded());
            }
            int n = tries.incrementAndGet();
            return circuit.get(() -> tryNumber.apply(n));
        });
    }

    public Target target() {
        return target;
    }

    public CircuitState state() {
        return state;
    }

    /** How long until an open circuit lets a trial call through; zero when it is not open. */
    public Duration untilTrial() {
        if (state != CircuitState.OPEN) {
            return Duration.ZERO;
        }
        Duration left = delay.minusNanos(nanoTime.getAsLong() - openedAtNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void changed(CircuitBreakerState next) {
        if (next == CircuitBreakerState.OPEN) {
            openedAtNanos = nanoTime.getAsLong();
            state = CircuitState.OPEN;
            Router.LOG.warn("Circuit of {} opened after repeated failures; calls skip it for {} ms", target,
                    delay.toMillis());
        } else if (next == CircuitBreakerState.HALF_OPEN) {
            state = CircuitState.HALF_OPEN;
            Router.LOG.info("Circuit of {} is half-open: one trial call goes through", target);
        } else {
            state = CircuitState.CLOSED;
            Router.LOG.info("Circuit of {} is closed again", target);
        }
    }

    /** The guarded type, without CDI's TypeLiteral (the CDI API is not on every class path). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<CompletionStage<Void>> completionStageOfVoid() {
        return (Class) CompletionStage.class;
    }
}
