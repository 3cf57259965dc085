package dev.chatroute.internal.pipeline;

import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.cost.CostMeter;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * What every call of one gateway shares: settings, providers, time (a {@link Scheduler} for
 * timers and a wall {@link Clock} for records), the worker threads calls progress on when a timer
 * wakes them, the token counter, the event listener factories, and the prices calls cost.
 */
record PipelineContext(
        Settings settings,
        Map<String, ChatProvider> providers,
        Scheduler scheduler,
        Executor workers,
        TokenCounter tokens,
        List<EventListener.Factory> listeners,
        Clock clock,
        CostMeter costs) {

    long nanoTime() {
        return scheduler.nanoTime();
    }

    ChatProvider provider(String name) {
        return providers.get(name);
    }

    /** The wall-clock instant at which a call that started at {@code startNanos} began. */
    Instant startedAt(long startNanos) {
        return clock.instant().minus(Duration.ofNanos(nanoTime() - startNanos));
    }

    String newCompletionId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    CallListener listenerFor(String requestId) {
        return new CallListener(listeners, requestId);
    }
}
