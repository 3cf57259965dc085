package dev.chatroute.internal.demo;

import dev.chatroute.Usage;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The embedded default provider: streams a fixed, useful answer word by word, so a new user sees
 * real streaming with no key. It behaves like a remote provider: it keeps its own schedule and
 * delivers each piece from a worker thread, never from the timer's; it holds no thread while it
 * waits, and it stops when paused (the client is not reading) until resumed.
 */
public final class DemoProvider implements ChatProvider {

    private final String name;
    private final Duration tokenDelay;
    private final Scheduler scheduler;
    private final Executor workers;
    private final TokenCounter tokens;

    public DemoProvider(String name, Duration tokenDelay, Scheduler scheduler, Executor workers,
            TokenCounter tokens) {
        this.name = name;
        this.tokenDelay = tokenDelay;
        this.scheduler = scheduler;
        this.workers = workers;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Only what it really does: it reports usage at the end of a stream, and the same conversation always
     * gets the same answer (so a {@code seed} is honoured). It never calls tools, writes no JSON on request
     * and reads no images, so a request that needs those skips it.
     */
    @Override
    public boolean supports(Capability capability) {
        return capability == Capability.STREAM_USAGE || capability == Capability.SEED;
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        String answer = DemoAnswer.to(request.messages());
        List<String> pieces = request.stream() ? DemoAnswer.pieces(answer) : List.of(answer);
        Usage usage = new Usage(tokens.countInput(request.messages()), tokens.count(answer));
        Playback playback = new Playback(pieces, usage, listener);
        playback.schedule();
        return playback;
    }

    /** Sends one piece per tick; cancelling stops the ticks, pausing holds them. */
    private final class Playback implements ProviderCall {
        private final List<String> pieces;
        private final Usage usage;
        private final ProviderListener listener;
        private int index; // touched by one tick at a time: each tick schedules the next
        private Scheduler.Task pending;
        private boolean cancelled;
        private boolean paused;
        private boolean owed; // a tick fell due while paused

        Playback(List<String> pieces, Usage usage, ProviderListener listener) {
            this.pieces = pieces;
            this.usage = usage;
            this.listener = listener;
        }

        synchronized void schedule() {
            if (!cancelled) {
                pending = scheduler.schedule(() -> workers.execute(this::tick), tokenDelay);
            }
        }

        private void tick() {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (paused) {
                    owed = true;
                    return;
                }
            }
            if (index < pieces.size()) {
                listener.onDelta(pieces.get(index++));
                schedule();
            } else {
                listener.onUsage(usage);
                listener.onComplete("stop");
            }
        }

        @Override
        public synchronized void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            synchronized (this) {
                paused = false;
                if (!owed) {
                    return;
                }
                owed = false;
            }
            workers.execute(this::tick);
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel();
            }
        }
    }
}
