package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ChatMessage;
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
import dev.chatroute.internal.routing.AttemptFailed;
import dev.chatroute.internal.routing.Router;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted call, from the provider request to the last byte written. A {@link ChainCall} picks
 * the targets and makes the tries ({@link Attempt}s); this turns the callbacks of the try that began
 * answering into the contract's answer, enforces the timeouts, keeps an open stream alive and
 * cancels the provider (and any pending retry) when the client leaves, a timeout fires or the
 * gateway closes. Every path ends in {@link #finish} exactly once.
 *
 * <p>A stream is opened (200, then {@code meta}) as soon as the call is admitted, before the
 * provider is called: JAX-RS commits an {@code SseEventSink}'s response when the resource method
 * returns, and both routes must behave alike. Keepalive comments then flow while the provider
 * thinks, so proxies hold the connection and a departed client is noticed. From then on every
 * failure is an {@code error} event. A non-streaming call keeps the real status (502, 503, 504).
 */
final class CallSession implements Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

    private enum State { WAITING, STREAMING, DONE }

    private final PipelineContext ctx;
    private final String requestId;
    private final ChatRequest request;
    private final List<ChatMessage> messages;
    private final Map<String, ChatProvider> providers;
    private final int inputTokens;
    private final String user;
    private final Map<String, String> extraHeaders;
    private final Admission admission;
    private final ResponseChannel channel;
    private final Set<CallSession> live;
    private final Timeouts timeouts;
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();

    private volatile State state = State.WAITING;
    private ChainCall chain;
    private Target target; // the target tried last: the one that answered, when one did
    private Attempt attempt;
    private Usage providerUsage;
    private long firstTokenNanos;
    private volatile long lastActivityNanos;
    private ScheduledFuture<?> totalTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> keepalive;

    /**
     * @param extraHeaders CORS and RateLimit headers that every response of this call carries
     * @param admission the call's hold on its user's limits, released when the call ends
     * @param live the gateway's calls in flight: this one is in it from {@link #start} to {@link #finish}
     */
    CallSession(PipelineContext ctx, String requestId, String user, ChatRequest request, List<ChatMessage> messages,
            Map<String, ChatProvider> providers, int inputTokens, Map<String, String> extraHeaders, Admission admission,
            ResponseChannel channel, Set<CallSession> live) {
        this.ctx = ctx;
        this.requestId = requestId;
        this.request = request;
        this.messages = List.copyOf(messages);
        this.providers = providers;
        this.inputTokens = inputTokens;
        this.user = user;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.admission = admission;
        this.channel = channel;
        this.live = live;
        this.timeouts = ctx.settings().timeouts();
        this.startNanos = ctx.nanoTime();
    }

    /** Opens the stream (if one was asked for), starts the total timer and walks the chain. */
    void start(Router router, List<Target> order) {
        synchronized (this) {
            live.add(this);
            target = order.get(0);
            chain = new ChainCall(this, router, order);
            channel.bind(new ResponseChannel.Callbacks() {
                @Override
                public void writable() {
                }

                @Override
                public void clientGone() {
                    cancel();
                }
            });
            if (request.stream()) {
                openStream();
            }
            totalTimer = schedule(() -> timedOut("did not finish its answer within " + ConfigReader.format(timeouts.total())),
                    timeouts.total());
        }
        chain.start();
    }

    /**
     * Starts one try of {@code tryTarget}: completes when its answer began, fails with the
     * provider's failure (or a first-token timeout) before that.
     */
    CompletableFuture<Void> attempt(Target tryTarget) {
        Attempt next = new Attempt(this, tryTarget);
        synchronized (this) {
            if (state == State.DONE) {
                return CompletableFuture.failedFuture(AttemptFailed.callEnded());
            }
            attempt = next;
            target = tryTarget;
            providerUsage = null;
            String what = "sent no first token within " + ConfigReader.format(timeouts.firstToken());
            next.firstTokenTimer = schedule(() -> next.firstTokenTimedOut(what), timeouts.firstToken());
        }
        ProviderCall call;
        try {
            // Upstream always streams, also for a JSON answer (its deltas are gathered): so the
            // first-token and idle timeouts mean the same for both, and a long answer is not cut.
            call = providers.get(tryTarget.provider()).call(new ProviderRequest(requestId, tryTarget.model(), messages,
                    request.maxTokens(), request.temperature(), true), next);
        } catch (RuntimeException e) {
            LOG.warn("Provider {} threw instead of answering", tryTarget.provider(), e);
            finishWithError(ErrorMapper.internal(), Outcome.FAILED);
            return CompletableFuture.failedFuture(AttemptFailed.callEnded());
        }
        synchronized (this) {
            next.call = call;
            if (state == State.DONE || attempt != next) {
                call.cancel(); // the call ended (or the try was abandoned) while call() was running
            }
        }
        return next.began;
    }

    boolean ended() {
        return state == State.DONE;
    }

    String requestId() {
        return requestId;
    }

    synchronized Attempt currentAttempt() {
        return attempt;
    }

    /** The chain found no target to answer: the contract error for its last failure. */
    void chainFailed(ApiError error) {
        finishWithError(error, Outcome.FAILED);
    }

    /** A piece of the answer from the committed try (called under this session's lock). */
    void delta(String piece) {
        lastActivityNanos = ctx.nanoTime();
        if (firstTokenNanos == 0) {
            firstTokenNanos = lastActivityNanos;
            idleTimer = schedule(this::checkIdle, timeouts.idle());
        }
        text.append(piece);
        if (request.stream()) {
            channel.sendEvent("delta", Bodies.delta(piece));
        }
    }

    void usage(Usage usage) {
        lastActivityNanos = ctx.nanoTime();
        providerUsage = usage;
    }

    /** The committed try finished its answer (called under this session's lock). */
    void complete(String finishReason) {
        Usage usage = usage();
        // Released before the last write: a client that calls again at once must find its permit back.
        admission.end(tokensToCharge(Outcome.COMPLETED, usage));
        if (request.stream()) {
            channel.sendEvent("usage", Bodies.usage(usage));
            channel.sendEvent("done", Bodies.done(finishReason));
            channel.closeStream();
        } else {
            channel.sendJson(200, Headers.json(requestId, extraHeaders), Bodies.answer(ctx.newCompletionId(), requestId,
                    request.model(), text.toString(), finishReason, usage));
        }
        finish(Outcome.COMPLETED, 200, null);
    }

    /** The committed try failed: text was sent, so nothing is retried and the answer ends in error. */
    void failAfterFirstDelta(ProviderException failure) {
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
        channel.sendComment("keepalive");
    }

    private void openStream() {
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
                channel.sendEvent("error", Bodies.error(error, requestId));
                channel.closeStream();
            }
            finish(outcome, error.status(), error.code());
        }
    }

    private void finish(Outcome outcome, int status, String errorCode) {
        state = State.DONE;
        live.remove(this);
        cancel(totalTimer);
        cancel(idleTimer);
        cancel(keepalive);
        if (attempt != null) {
            cancel(attempt.firstTokenTimer);
            if (outcome != Outcome.COMPLETED && attempt.call != null) {
                attempt.call.cancel(); // the provider sees its connection close
            }
        }
        long now = ctx.nanoTime();
        Duration ttft = firstTokenNanos == 0 ? null : Duration.ofNanos(firstTokenNanos - startNanos);
        Usage usage = usage();
        admission.end(tokensToCharge(outcome, usage)); // does nothing when already released
        ctx.usage().record(new UsageRecord(requestId, user, request.model(), target.provider(), target.model(),
                request.stream(), outcome, status, errorCode, usage, providerUsage == null,
                ctx.startedAt(startNanos), Duration.ofNanos(now - startNanos), ttft,
                chain == null ? 0 : chain.retries(), chain != null && chain.fellBack(), request.metadata()));
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

    void cancelTimer(ScheduledFuture<?> timer) {
        cancel(timer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
