package dev.chatroute.internal.pipeline;

import dev.chatroute.Usage;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.routing.TargetGuard;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import java.util.concurrent.CompletableFuture;

/**
 * One try of one target. The provider's callbacks only become events of the {@link Call}; the call
 * decides what they mean. {@link #began} is the try's outcome for its guard (retries and circuit):
 * it completes when the answer began, and fails before that with the provider's failure, a
 * first-token timeout, or the call's end. It is settled exactly once, so the circuit breaker hears
 * of every try exactly once.
 *
 * <p>All fields but {@link #began} are the call's state: touched only on the call's loop.
 */
final class Attempt implements ProviderListener {

    enum State { STARTING, WAITING, COMMITTED, OVER }

    final TargetGuard guard;
    final Target target;
    final int number;
    final CompletableFuture<Void> began = new CompletableFuture<>();
    private final Call call;
    State state = State.STARTING;
    ProviderCall upstream;
    boolean halfOpenTrial;

    Attempt(Call call, TargetGuard guard, int number) {
        this.call = call;
        this.guard = guard;
        this.target = guard.target();
        this.number = number;
    }

    @Override
    public void onDelta(String piece) {
        if (!piece.isEmpty()) {
            call.submit(() -> call.delta(this, piece));
        }
    }

    @Override
    public void onToolCall(int index, String id, String name, String argumentsDelta) {
        call.submit(() -> call.toolCall(this, index, id, name, argumentsDelta));
    }

    @Override
    public void onModel(String model) {
        call.submit(() -> call.responseModel(this, model));
    }

    @Override
    public void onUsage(Usage usage) {
        call.submit(() -> call.usage(this, usage));
    }

    @Override
    public void onComplete(String finishReason) {
        call.submit(() -> call.complete(this, finishReason));
    }

    @Override
    public void onError(ProviderException failure) {
        call.submit(() -> call.failed(this, failure));
    }

    /** Whether the provider's callbacks still count: the try started and neither failed nor was left. */
    boolean live() {
        return state == State.WAITING || state == State.COMMITTED;
    }

    void cancelUpstream() {
        if (upstream != null) {
            upstream.cancel(); // the provider sees its connection close
        }
    }

    @Override
    public String toString() {
        return target + " try " + number;
    }
}
