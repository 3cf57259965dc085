package dev.chatroute.internal.pipeline;

import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.tokens.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/** What every call of one gateway shares: settings, timer, token counter, usage sink, clock. */
record PipelineContext(
        Settings settings,
        ScheduledExecutorService timer,
        TokenCounter tokens,
        UsageSink usage,
        Clock clock) {

    long nanoTime() {
        return System.nanoTime();
    }

    /** The wall-clock instant at which a call that started at {@code startNanos} began. */
    Instant startedAt(long startNanos) {
        return clock.instant().minus(Duration.ofNanos(nanoTime() - startNanos));
    }

    String newCompletionId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
