package dev.chatroute.internal.demo;

import dev.chatroute.Usage;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default provider: streams a fixed, useful answer word by word on a timer, so a new
 * user sees real streaming with no key. It holds no thread while it waits.
 */
public final class DemoProvider implements ChatProvider {

    private final String name;
    private final Duration tokenDelay;
    private final ScheduledExecutorService timer;
    private final TokenCounter tokens;

    public DemoProvider(String name, Duration tokenDelay, ScheduledExecutorService timer, TokenCounter tokens) {
        this.name = name;
        this.tokenDelay = tokenDelay;
        this.timer = timer;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        String answer = DemoAnswer.to(request.messages());
        List<String> pieces = request.stream() ? DemoAnswer.pieces(answer) : List.of(answer);
        Usage usage = new Usage(tokens.countInput(request.messages()), tokens.count(answer));
        Playback playback = new Playback(pieces, usage, listener);
        playback.next();
        return playback;
    }

    /** Sends one piece per tick; cancelling stops the ticks. */
    private final class Playback implements ProviderCall {
        private final List<String> pieces;
        private final Usage usage;
        private final ProviderListener listener;
        private int index;
        private Future<?> pending;
        private boolean cancelled;

        Playback(List<String> pieces, Usage usage, ProviderListener listener) {
            this.pieces = pieces;
            this.usage = usage;
            this.listener = listener;
        }

        synchronized void next() {
            if (!cancelled) {
                pending = timer.schedule(this::tick, tokenDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void tick() {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
            }
            if (index < pieces.size()) {
                listener.onDelta(pieces.get(index++));
                next();
            } else {
                listener.onUsage(usage);
                listener.onComplete("stop");
            }
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
