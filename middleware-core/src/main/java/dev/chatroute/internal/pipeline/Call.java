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
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.pii.Redaction;
import dev.chatroute.internal.pii.Restorer;
import dev.chatroute.internal.pipeline.Attempt.State;
import dev.chatroute.internal.pipeline.CallTimers.Kind;
import dev.chatroute.internal.routing.AttemptFailed;
import dev.chatroute.internal.routing.Router;
import dev.chatroute.internal.routing.TargetGuard;
import dev.chatroute.spi.EventListener.CallInfo;
import dev.chatroute.spi.EventListener.CircuitState;
import dev.chatroute.spi.ProviderException;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted call, from the first provider request to the last byte queued for the client: one
 * state machine. Everything that happens to it arrives as an event on its {@link CallLoop}
 * (a provider chunk, a timer, the client's buffer draining, the client leaving, the gateway closing)
 * and is handled there, one at a time, in order, on the thread that delivered it; nothing here
 * blocks, because channel writes only queue, limits settle asynchronously, and timers post events.
 * So the state below needs no lock. Listeners hear of each step on the loop, outside any lock.
 *
 * <p>States: {@code WAITING} for the first token (the {@link ChainWalk} is trying targets),
 * {@code ANSWERING} once a try committed (its first delta: text sent is never retried), {@code DONE}.
 * Every path ends in {@link #finish} exactly once.
 *
 * <p>A stream of the chat route is opened (200, then {@code meta}) as soon as the call is admitted,
 * before the provider is called: JAX-RS commits an {@code SseEventSink}'s response when the resource
 * method returns, and both routes must behave alike. From then on every failure is an {@code error}
 * event; a JSON call keeps the real status (502, 503, 504). A format that
 * {@linkplain AnswerFormat#opensOnFirstChunk() waits} (the OpenAI facade) opens its stream with the
 * first piece instead, so that a failure before it is still a status an SDK can retry.
 *
 * <p>Back-pressure: when the client's buffer is full, the provider is paused (no more upstream
 * demand) and the idle timer with it; a client stuck longer than {@code timeouts.idle} ends the call
 * as {@code CLIENT_CANCELLED}, which is the client's doing, never a provider failure.
 */
final class Call implements Exchange, ResponseChannel.Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    private enum Phase { WAITING, ANSWERING, DONE }

    private final PipelineContext ctx;
    private final String requestId;
    private final ChatRequest request;
    private final List<ChatMessage> messages;
    private final Map<String, String> extraHeaders;
    private final Map<String, String> traceContext; // the client's traceparent/tracestate, for the listeners
    private final Admission admission;
    private final ResponseChannel channel;
    private final Timeouts timeouts;
    private final CallLoop loop;
    private final CallTimers timers;
    private final CallAccounting accounting;
    private final CallListener listener;
    private final Consumer<Call> onEnd;
    private final Redaction pii;
    private final Restorer shown; // the answer as the user sees it: placeholders put back (chatroute.pii.restore)
    private final AnswerFormat format;
    private final ToolCalls toolCalls = new ToolCalls(); // the JSON answer's, gathered as they arrive
    private volatile boolean ended;

    // The call's state: read and written on its loop only.
    private Phase phase = Phase.WAITING;
    private ChainWalk chain;
    private Attempt current;
    private boolean heldBack;
    private boolean streamOpen;
    private long lastActivityNanos;

    Call(PipelineContext ctx, CallListener listener, String requestId, String user, ChatRequest request,
            List<ChatMessage> messages, int inputTokens, Map<String, String> extraHeaders, Admission admission,
            ResponseChannel channel, Consumer<Call> onEnd, Redaction pii, Map<String, String> traceContext,
            AnswerFormat format) {
        this.ctx = ctx;
        this.format = format;
        this.pii = pii;
        this.shown = pii.restorer();
        this.listener = listener;
        this.requestId = requestId;
        this.loop = new CallLoop(requestId);
        this.request = request;
        this.messages = List.copyOf(messages);
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.traceContext = Map.copyOf(traceContext);
        this.admission = admission;
        this.channel = channel;
        this.onEnd = onEnd;
        this.timeouts = ctx.settings().timeouts();
        this.timers = new CallTimers(ctx.scheduler(), ctx.workers(), this);
        this.accounting = new CallAccounting(ctx, requestId, user, request, inputTokens, ctx.nanoTime());
    }

    // ---- Events from outside: each only enters the loop.

    /** Opens the stream (if one was asked for), starts the call's timers and walks the chain. */
    void start(Router router, List<Target> order, String user) {
        submit(() -> begin(router, order, user));
    }

    /** The adapter saw the client leave. */
    @Override
    public void cancel() {
        submit(this::clientLeft);
    }

    @Override
    public void clientGone() {
        submit(this::clientLeft);
    }

    @Override
    public void writable() {
        submit(this::drained);
    }

    /** The gateway's grace period is over: end the call with a 503 {@code shutting_down}. */
    void cut() {
        submit(() -> finishWithError(ErrorMapper.shuttingDown(), Outcome.FAILED));
    }

    void submit(Runnable event) {
        loop.submit(event);
    }

    boolean ended() {
        return ended;
    }

    String requestId() {
        return requestId;
    }

    /** A new try of {@code guard}'s target, asked for by the chain (possibly from the retry timer). */
    CompletionStage<Void> attempt(TargetGuard guard, int number, boolean fallback) {
        Attempt attempt = new Attempt(this, guard, number);
        Runnable start = () -> submit(() -> startAttempt(attempt, fallback));
        if (loop.onLoop()) {
            start.run(); // queued behind the event that asked for it
        } else {
            ctx.workers().execute(start); // SmallRye's retry timer: its thread does no call's work
        }
        return attempt.began;
    }

    // ---- What the chain tells the call (on the loop).

    void chainFailed(ApiError error) {
        finishWithError(error, Outcome.FAILED);
    }

    void retryScheduled(Target target, ProviderException why, Duration delay) {
        submit(() -> listener.tell(l -> l.retry(target.toString(), why(why), delay)));
    }

    void fellBack(Target from, Target to, String why) {
        listener.tell(l -> l.fallback(from.toString(), to.toString(), why));
    }

    void circuitSeen(TargetGuard guard) {
        CircuitState state = guard.state();
        listener.tell(l -> l.circuitStateChanged(guard.target().toString(), state));
    }

    /** A failure in a listener's words: the provider's status, or what went wrong. */
    static String why(ProviderException failure) {
        return failure.status() > 0 ? "http_" + failure.status() : failure.kind().name().toLowerCase();
    }

    // ---- The state machine: every method below runs on the loop.

    private void begin(Router router, List<Target> order, String user) {
        chain = new ChainWalk(this, router, order);
        accounting.aim(chain.first());
        channel.bind(this);
        listener.tell(l -> l.admitted(new CallInfo(requestId, user, request.model(), request.stream(),
                request.metadata(), request.maxTokens(), traceContext)));
        if (request.stream() && !format.opensOnFirstChunk()) {
            openStream();
        }
        timers.start(Kind.TOTAL, timeouts.total(), () -> finishWithError(ErrorMapper.timeout("The model provider "
                + "did not finish its answer within " + ConfigReader.format(timeouts.total())), Outcome.FAILED));
        chain.start();
    }

    private void startAttempt(Attempt attempt, boolean fallback) {
        if (phase == Phase.DONE) {
            settle(attempt, AttemptFailed.abandoned(attempt.guard.state() == CircuitState.HALF_OPEN));
            return;
        }
        current = attempt;
        attempt.state = State.WAITING;
        attempt.halfOpenTrial = attempt.guard.state() == CircuitState.HALF_OPEN;
        if (attempt.halfOpenTrial) {
            circuitSeen(attempt.guard);
        }
        accounting.trying(attempt.target, attempt.number > 1, fallback);
        listener.tell(l -> l.attemptStart(attempt.target.toString(), attempt.number));
        String what = "sent no first token within " + ConfigReader.format(timeouts.firstToken());
        timers.start(Kind.FIRST_TOKEN, timeouts.firstToken(), () -> firstTokenTimedOut(attempt, what));
        try {
            // Upstream always streams, also for a JSON answer (its deltas are gathered): so the
            // first-token and idle timeouts mean the same for both, and a long answer is not cut.
            attempt.upstream = ctx.provider(attempt.target.provider()).call(new ProviderRequest(requestId,
                    attempt.target.model(), messages, request.maxTokens(), request.temperature(), true,
                    listener.upstreamHeaders(), request.options()), attempt);
        } catch (RuntimeException e) {
            LOG.warn("Provider {} threw instead of answering", attempt.target.provider(), e);
            finishWithError(ErrorMapper.internal(), Outcome.FAILED);
            return;
        }
        if (heldBack) {
            attempt.upstream.pause();
        }
    }

    void delta(Attempt attempt, String piece) {
        if (!counts(attempt)) {
            return;
        }
        lastActivityNanos = timers.nanoTime();
        if (attempt.state == State.WAITING) {
            commit(attempt);
        }
        String relayed = accounting.delivered(piece);
        if (request.stream() && !relayed.isEmpty()) {
            writeDelta(shown.next(relayed));
        }
        if (accounting.full()) {
            stopAtMaxTokens(attempt);
        }
    }

    /** A piece of a tool call; its arguments count as output, like text. */
    void toolCall(Attempt attempt, int index, String id, String name, String argumentsDelta) {
        if (!counts(attempt)) {
            return;
        }
        lastActivityNanos = timers.nanoTime();
        if (attempt.state == State.WAITING) {
            commit(attempt);
        }
        String kept = argumentsDelta == null || argumentsDelta.isEmpty() ? "" : accounting.deliveredArguments(argumentsDelta);
        toolCalls.add(index, id, name, kept);
        if (request.stream() && (id != null || name != null || !kept.isEmpty())) {
            write(format.toolCall(index, id, name, kept));
        }
        if (accounting.full()) {
            stopAtMaxTokens(attempt);
        }
    }

    void responseModel(Attempt attempt, String model) {
        if (counts(attempt)) {
            listener.tell(l -> l.responseModel(attempt.target.toString(), model));
        }
    }

    void usage(Attempt attempt, Usage usage) {
        if (counts(attempt)) {
            lastActivityNanos = timers.nanoTime();
            accounting.providerCounted(usage);
            if (attempt.state == State.COMMITTED && accounting.full()) {
                stopAtMaxTokens(attempt);
            }
        }
    }

    void complete(Attempt attempt, String finishReason) {
        if (!counts(attempt)) {
            return;
        }
        if (attempt.state == State.WAITING) {
            commit(attempt); // an answer without text
        }
        Usage usage = accounting.usage();
        // Released before the last write: a client that calls again at once must find its permit back.
        admission.end(accounting.tokensToCharge(Outcome.COMPLETED, usage), accounting.cost(Outcome.COMPLETED, usage));
        if (request.stream()) {
            writeDelta(shown.rest());
            write(format.end(finishReason, usage));
            channel.closeStream();
        } else {
            channel.sendJson(200, Headers.json(requestId, extraHeaders),
                    format.answer(shown.whole(accounting.text()), toolCalls.calls(), finishReason, usage));
        }
        listener.tell(l -> l.completed(finishReason));
        finish(Outcome.COMPLETED, 200, null, usage);
    }

    /**
     * The answer reached the call's {@code max_tokens} and the provider goes on: it is told to stop
     * (its connection closes), and the answer ends as one cut there ends, with {@code "length"}.
     */
    private void stopAtMaxTokens(Attempt attempt) {
        LOG.info("Provider {} went on past max_tokens ({}) for request {}; the answer was cut there",
                attempt.target.provider(), request.maxTokens(), requestId);
        attempt.cancelUpstream();
        accounting.cutAtMaxTokens();
        complete(attempt, "length");
    }

    void failed(Attempt attempt, ProviderException failure) {
        if (!counts(attempt)) {
            return;
        }
        if (attempt.state == State.COMMITTED) {
            finishWithError(ErrorMapper.fromProvider(failure), Outcome.FAILED); // text was sent: no retry
            return;
        }
        timers.stop(Kind.FIRST_TOKEN);
        settle(attempt, failure); // the chain decides: retry, next target, or the error
    }

    private void firstTokenTimedOut(Attempt attempt, String what) {
        if (attempt != current || attempt.state != State.WAITING || phase == Phase.DONE) {
            return;
        }
        attempt.cancelUpstream();
        settle(attempt, new AttemptTimeout(attempt.target.provider(), what));
    }

    private void commit(Attempt attempt) {
        attempt.state = State.COMMITTED;
        listener.tell(l -> l.attemptEnd(attempt.target.toString(), attempt.number, "200"));
        phase = Phase.ANSWERING;
        if (request.stream() && !streamOpen) {
            openStream(); // the format waited for its first piece
        }
        timers.stop(Kind.FIRST_TOKEN);
        Duration ttft = accounting.firstToken(timers.nanoTime());
        listener.tell(l -> l.firstToken(ttft));
        if (!heldBack) {
            timers.start(Kind.IDLE, timeouts.idle(), this::checkIdle);
        }
        CircuitState before = attempt.guard.state();
        attempt.began.complete(null); // the guards hear of the success here, on this thread
        if (attempt.guard.state() != before) {
            circuitSeen(attempt.guard);
        }
    }

    /** Ends a try that did not begin answering: its guard hears the outcome exactly once. */
    private void settle(Attempt attempt, Throwable outcome) {
        if (attempt.state == State.WAITING) {
            String status = outcome instanceof ProviderException p
                    ? (p.status() > 0 ? Integer.toString(p.status()) : p.kind().name().toLowerCase(java.util.Locale.ROOT)) : "cancelled";
            listener.tell(l -> l.attemptEnd(attempt.target.toString(), attempt.number, status));
        }
        attempt.state = State.OVER;
        CircuitState before = attempt.guard.state();
        attempt.began.completeExceptionally(outcome);
        if (attempt.guard.state() != before) {
            circuitSeen(attempt.guard);
        }
    }

    private void checkIdle() {
        if (phase != Phase.ANSWERING || heldBack) {
            return;
        }
        long quietNanos = timers.nanoTime() - lastActivityNanos;
        long limitNanos = timeouts.idle().toNanos();
        if (quietNanos >= limitNanos) {
            finishWithError(ErrorMapper.timeout("The model provider sent nothing for "
                    + ConfigReader.format(timeouts.idle()) + " in the middle of its answer"), Outcome.FAILED);
        } else {
            timers.start(Kind.IDLE, Duration.ofNanos(limitNanos - quietNanos), this::checkIdle);
        }
    }

    private void keepalive() {
        if (phase == Phase.DONE) {
            return;
        }
        if (!heldBack && !channel.sendComment("keepalive")) {
            holdBack();
        }
        timers.start(Kind.KEEPALIVE, timeouts.keepalive(), this::keepalive);
    }

    /** Commits the stream's 200 and its opening events; the keepalives start with it. */
    private void openStream() {
        streamOpen = true;
        channel.openStream(Headers.stream(requestId, extraHeaders));
        write(format.opening());
        timers.start(Kind.KEEPALIVE, timeouts.keepalive(), this::keepalive);
    }

    private void writeDelta(String text) {
        if (!text.isEmpty()) {
            write(format.delta(text));
        }
    }

    private void write(List<AnswerFormat.Event> events) {
        boolean room = true;
        for (AnswerFormat.Event e : events) {
            room &= channel.sendEvent(e.event(), e.data());
        }
        if (!room) {
            holdBack();
        }
    }

    /** The client's buffer is full: ask the provider for nothing more until it drains. */
    private void holdBack() {
        if (heldBack || phase == Phase.DONE) {
            return;
        }
        heldBack = true;
        if (current != null && current.upstream != null) {
            current.upstream.pause();
        }
        timers.stop(Kind.IDLE); // the provider is not the one keeping us waiting now
        timers.start(Kind.STUCK, timeouts.idle(), this::stuck);
    }

    private void drained() {
        if (!heldBack || phase == Phase.DONE) {
            return;
        }
        heldBack = false;
        timers.stop(Kind.STUCK);
        lastActivityNanos = timers.nanoTime();
        if (current != null && current.upstream != null) {
            current.upstream.resume();
        }
        if (phase == Phase.ANSWERING) {
            timers.start(Kind.IDLE, timeouts.idle(), this::checkIdle);
        }
    }

    private void stuck() {
        if (!heldBack || phase == Phase.DONE) {
            return;
        }
        LOG.info("The client of request {} read nothing for {}; ending its call", requestId,
                ConfigReader.format(timeouts.idle()));
        listener.tell(l -> l.clientGone());
        end(Outcome.CLIENT_CANCELLED, 499, "client_stuck");
    }

    private void clientLeft() {
        if (phase == Phase.DONE) {
            return;
        }
        listener.tell(l -> l.clientGone());
        end(Outcome.CLIENT_CANCELLED, 499, "client_disconnected");
    }

    /** Ends the call without an answer: the client cannot take one. */
    private void end(Outcome outcome, int status, String code) {
        Usage usage = accounting.usage();
        admission.end(accounting.tokensToCharge(outcome, usage), accounting.cost(outcome, usage));
        channel.abort(); // the container may let the request go; a stuck client's buffer is freed
        finish(outcome, status, code, usage);
    }

    private void finishWithError(ApiError error, Outcome outcome) {
        if (phase == Phase.DONE) {
            return;
        }
        Usage usage = accounting.usage();
        // before the last write, as in complete
        admission.end(accounting.tokensToCharge(outcome, usage), accounting.cost(outcome, usage));
        if (request.stream() && streamOpen) {
            writeDelta(shown.rest()); // text held back for a placeholder that never closed
            write(format.streamError(error));
            channel.closeStream();
        } else {
            channel.sendJson(format.status(error), Headers.error(requestId, error, extraHeaders),
                    format.errorBody(error));
        }
        finish(outcome, error.status(), error.code(), usage);
    }

    private void finish(Outcome outcome, int status, String errorCode, Usage usage) {
        phase = Phase.DONE;
        ended = true;
        timers.stopAll();
        Attempt attempt = current;
        if (attempt != null) {
            if (attempt.state == State.WAITING) {
                settle(attempt, AttemptFailed.abandoned(attempt.halfOpenTrial)); // frees a half-open trial
            }
            if (outcome != Outcome.COMPLETED) {
                attempt.cancelUpstream();
            }
        }
        UsageRecord record = accounting.record(outcome, status, errorCode, usage, timers.nanoTime(), pii.findings());
        listener.tell(l -> l.callEnd(record));
        onEnd.accept(this);
    }

    /** Whether a provider callback of {@code attempt} still counts. */
    private boolean counts(Attempt attempt) {
        return attempt == current && attempt.live() && phase != Phase.DONE;
    }
}
