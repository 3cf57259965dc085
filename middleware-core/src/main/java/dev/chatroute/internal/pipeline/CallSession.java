package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ChatRequest;
import dev.chatroute.Exchange;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.Timeouts;
import dev.chatroute.internal.json.Bodies;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted call, from the provider request to the last byte written. It turns the provider's
 * callbacks into the contract's answer, enforces the timeouts, keeps an open stream alive and
 * cancels the provider when the client leaves. Every path ends in {@link #finish} exactly once.
 *
 * <p>A stream is opened (200, then {@code meta}) as soon as the call is admitted, before the
 * provider is called: JAX-RS commits an {@code SseEventSink}'s response when the resource method
 * returns, and both routes must behave alike. Keepalive comments then flow while the provider
 * thinks, so proxies hold the connection and a departed client is noticed. From then on every
 * failure is an {@code error} event. A non-streaming call keeps the real status (502, 503, 504).
 */
final class CallSession implements ProviderListener, Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

    private enum State { WAITING, STREAMING, DONE }

    private final PipelineContext ctx;
    private final String requestId;
    private final ChatRequest request;
    private final Target target;
    private final int inputTokens;
    private final String user;
    private final Map<String, String> extraHeaders;
    private final Admission admission;
    private final ResponseChannel channel;
    private final Set<CallSession> live;
    private final Timeouts timeouts;
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();

    private State state = State.WAITING;
    private ProviderCall providerCall;
    private Usage providerUsage;
    private long firstTokenNanos;
    private volatile long lastActivityNanos;
    private ScheduledFuture<?> totalTimer;
    private ScheduledFuture<?> firstTokenTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> keepalive;

    /**
     * @param extraHeaders CORS and RateLimit headers that every response of this call carries
     * @param admission the call's hold on its user's limits, released when the call ends
     * @param live the gateway's calls in flight: this one is in it from {@link #start} to {@link #finish}
     */
    CallSession(PipelineContext ctx, String requestId, String user, ChatRequest request, Target target, int inputTokens,
            Map<String, String> extraHeaders, Admission admission,
            ResponseChannel channel, Set<CallSession> live) {
        this.ctx = ctx;
        this.requestId = requestId;
        this.request = request;
        this.target = target;
        this.inputTokens = inputTokens;
        this.user = user;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.admission = admission;
        this.channel = channel;
        this.live = live;
        this.timeouts = ctx.settings().timeouts();
        this.startNanos = ctx.nanoTime();
    }

    void start(ChatProvider provider, ProviderRequest providerRequest) {
        synchronized (this) {
            live.add(this);
            if (request.stream()) {
                try {
                    openStream();
                } catch (IOException clientGone) {
                    clientLeft();
                    return;
                }
            }
            totalTimer = schedule(() -> timedOut("did not finish its answer within " + ConfigReader.format(timeouts.total())),
                    timeouts.total());
            firstTokenTimer = schedule(() -> timedOut("sent no first token within " + ConfigReader.format(timeouts.firstToken())),
                    timeouts.firstToken());
        }
        ProviderCall call;
        try {
            call = provider.call(providerRequest, this);
        } catch (RuntimeException e) {
            LOG.warn("Provider {} threw instead of answering", target.provider(), e);
            finishWithError(ErrorMapper.internal(), Outcome.FAILED);
            return;
        }
        synchronized (this) {
            providerCall = call;
            if (state == State.DONE) {
                call.cancel(); // it finished (or the client left) while call() was running
            }
        }
    }

    @Override
    public synchronized void onDelta(String piece) {
        if (state == State.DONE || piece.isEmpty()) {
            return;
        }
        lastActivityNanos = ctx.nanoTime();
        if (firstTokenNanos == 0) {
            firstTokenNanos = lastActivityNanos;
            cancel(firstTokenTimer);
            idleTimer = schedule(this::checkIdle, timeouts.idle());
        }
        text.append(piece);
        if (request.stream()) {
            try {
                channel.sendEvent("delta", Bodies.delta(piece));
            } catch (IOException clientGone) {
                clientLeft();
            }
        }
    }

    @Override
    public synchronized void onUsage(Usage usage) {
        lastActivityNanos = ctx.nanoTime();
        providerUsage = usage;
    }

    @Override
    public synchronized void onComplete(String finishReason) {
        if (state == State.DONE) {
            return;
        }
        Usage usage = usage();
        // Released before the last write: a client that calls again at once must find its permit back.
        admission.end(tokensToCharge(Outcome.COMPLETED, usage));
        try {
            if (request.stream()) {
                channel.sendEvent("usage", Bodies.usage(usage));
                channel.sendEvent("done", Bodies.done(finishReason));
                channel.closeStream();
            } else {
                channel.sendJson(200, Headers.json(requestId, extraHeaders), Bodies.answer(ctx.newCompletionId(), requestId,
                        request.model(), text.toString(), finishReason, usage));
            }
        } catch (IOException clientGone) {
            clientLeft();
            return;
        }
        finish(Outcome.COMPLETED, 200, null);
    }

    @Override
    public synchronized void onError(ProviderException failure) {
        if (state == State.DONE) {
            return;
        }
        finishWithError(ErrorMapper.fromProvider(failure), Outcome.FAILED);
    }

    /** The client went away: stop the provider and account for what was delivered. */
    @Override
    public synchronized void cancel() {
        if (state == State.DONE) {
            return;
        }
        boolean streaming = state == State.STREAMING;
        finish(Outcome.CLIENT_CANCELLED, 499, "client_disconnected");
        if (streaming) {
            channel.closeStream();
        }
    }

    /** The gateway is closing: answer the caller with a 503 and cancel the provider call. */
    void shutDown() {
        finishWithError(ErrorMapper.shuttingDown(), Outcome.FAILED);
    }

    private void clientLeft() {
        cancel();
    }

    private synchronized void timedOut(String what) {
        if (state == State.DONE) {
            return;
        }
        finishWithError(ErrorMapper.timeout("The model provider " + what), Outcome.FAILED);
    }

    private synchronized void checkIdle() {
        if (state == State.DONE) {
            return;
        }
        long quietNanos = ctx.nanoTime() - lastActivityNanos;
        long limitNanos = timeouts.idle().toNanos();
        if (quietNanos >= limitNanos) {
            timedOut("sent nothing for " + ConfigReader.format(timeouts.idle()) + " in the middle of its answer");
        } else {
            idleTimer = schedule(this::checkIdle, Duration.ofNanos(limitNanos - quietNanos));
        }
    }

    private synchronized void sendKeepalive() {
        if (state != State.STREAMING) {
            return;
        }
        try {
            channel.sendComment("keepalive");
        } catch (IOException clientGone) {
            clientLeft();
        }
    }

    private void openStream() throws IOException {
        if (state == State.WAITING) {
            state = State.STREAMING;
            channel.openStream(Headers.stream(requestId, extraHeaders));
            channel.sendEvent("meta", Bodies.meta(requestId, request.model()));
            long every = timeouts.keepalive().toMillis();
            keepalive = ctx.timer().scheduleAtFixedRate(this::sendKeepalive, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void finishWithError(ApiError error, Outcome outcome) {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            admission.end(tokensToCharge(outcome, usage())); // before the last write, as in onComplete
            if (state == State.WAITING) {
                channel.sendJson(error.status(), Headers.error(requestId, error, extraHeaders), Bodies.error(error, requestId));
            } else {
                try {
                    channel.sendEvent("error", Bodies.error(error, requestId));
                } catch (IOException clientGone) {
                    LOG.debug("Client left before the error event of {} could be sent", requestId);
                }
                channel.closeStream();
            }
            finish(outcome, error.status(), error.code());
        }
    }

    private void finish(Outcome outcome, int status, String errorCode) {
        state = State.DONE;
        live.remove(this);
        cancel(totalTimer);
        cancel(firstTokenTimer);
        cancel(idleTimer);
        cancel(keepalive);
        if (outcome != Outcome.COMPLETED && providerCall != null) {
            providerCall.cancel();
        }
        long now = ctx.nanoTime();
        Duration ttft = firstTokenNanos == 0 ? null : Duration.ofNanos(firstTokenNanos - startNanos);
        Usage usage = usage();
        admission.end(tokensToCharge(outcome, usage)); // does nothing when already released
        ctx.usage().record(new UsageRecord(requestId, user, request.model(), target.provider(), target.model(),
                request.stream(), outcome, status, errorCode, usage, providerUsage == null,
                ctx.startedAt(startNanos), Duration.ofNanos(now - startNanos), ttft, 0, false, request.metadata()));
    }

    /**
     * What the user's daily allowance pays: the whole call when it completed or was left by the
     * client (tokens were generated either way), nothing for a failure that produced no text.
     */
    private long tokensToCharge(Outcome outcome, Usage usage) {
        if (outcome == Outcome.FAILED && text.length() == 0) {
            return 0;
        }
        return usage.totalTokens();
    }

    private Usage usage() {
        return providerUsage != null ? providerUsage : new Usage(inputTokens, ctx.tokens().count(text.toString()));
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return ctx.timer().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
