package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatAnswer;
import dev.chatroute.ChatMessage;
import dev.chatroute.ChatRequest;
import dev.chatroute.Exchange;
import dev.chatroute.GuardOutcome;
import dev.chatroute.Outcome;
import dev.chatroute.Usage;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.config.ModelRoute.Target;
import dev.chatroute.internal.config.Settings;
import dev.chatroute.internal.cost.CostMeter;
import dev.chatroute.internal.cost.Price;
import dev.chatroute.internal.cost.Prices;
import dev.chatroute.internal.errors.ContractError;
import dev.chatroute.internal.json.Bodies;
import dev.chatroute.internal.config.ModelRoute;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.RequestCount;
import dev.chatroute.internal.pii.PiiPolicy;
import dev.chatroute.internal.pii.Redaction;
import dev.chatroute.internal.request.RequestParser;
import dev.chatroute.internal.routing.Router;
import dev.chatroute.internal.tokens.TokenCounter;
import dev.chatroute.internal.tracing.TraceHeaders;
import dev.chatroute.internal.routing.Capabilities;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.HttpCall;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.ProviderRequest;
import dev.chatroute.spi.ResponseChannel;
import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.Scheduler;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat route, start to finish, for both adapters: request id, method, cross-site check,
 * identity, one request counted (per user and globally), media type, size, validation, model
 * permission, token limit, then the tokens and concurrency reserved, then a {@link Call} for the
 * provider call. Counting the request before validating it means invalid or forbidden requests are
 * held to the requests per minute too; reserving only after means they never hold tokens or a
 * permit. Every refusal is the contract's JSON error, written here and nowhere else.
 */
public final class ChatPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final PipelineContext ctx;
    private final Gate gate;
    private final Dialect chatDialect;
    private final Router router;
    private final PiiPolicy pii;
    private final RequestIds requestIds = new RequestIds();
    private static final Duration CUT_WAIT = Duration.ofSeconds(2);

    private final Set<Call> live = new HashSet<>(); // guarded by itself
    private volatile boolean closed;

    /**
     * @param workers the threads a call progresses on when only a timer woke it (never the timer's own)
     * @param listeners every call's event listeners; the usage listeners among them hear {@code callEnd}
     */
    public ChatPipeline(Settings settings, Gate gate, Map<String, ChatProvider> providers, Scheduler scheduler,
            Executor workers, TokenCounter tokens, List<EventListener.Factory> listeners, Clock clock) {
        this.ctx = new PipelineContext(settings, Map.copyOf(providers), scheduler, workers, tokens,
                List.copyOf(listeners), clock, costMeter(settings));
        this.gate = gate;
        this.chatDialect = new ChatrouteDialect(new RequestParser(settings.input(), alias -> settings.model(alias) != null));
        this.router = new Router(settings.routing(), scheduler::nanoTime);
        this.pii = new PiiPolicy(settings.pii());
    }

    /** What is known of a call while it is being admitted, for the answer if it is refused. */
    private static final class Admitting {
        final String requestId;
        final CallListener listener;
        final Dialect dialect;
        final Map<String, String> headers = new LinkedHashMap<>(); // CORS, then RateLimit, as checks pass
        String user;
        boolean bodyRead;
        Redaction pii = Redaction.NONE;
        Map<String, String> traceContext = Map.of(); // traceparent/tracestate of an HTTP call

        Admitting(String requestId, CallListener listener, Dialect dialect) {
            this.requestId = requestId;
            this.listener = listener;
            this.dialect = dialect;
            listener.tell(l -> l.callStart(requestId));
        }
    }

    private Admitting admitting(String requestId, Dialect dialect) {
        return new Admitting(requestId, ctx.listenerFor(requestId), dialect);
    }

    /** A call to the chat route, in the contract's own language. */
    public Exchange serve(HttpCall call, ResponseChannel channel) {
        return serve(call, channel, chatDialect);
    }

    /** A call to a route that speaks {@code dialect} (the OpenAI facade), through the same pipeline. */
    public Exchange serve(HttpCall call, ResponseChannel channel, Dialect dialect) {
        String requestId = requestIds.accept(call.header(RequestIds.HEADER));
        try (CallMdc ignored = CallMdc.of(requestId)) {
            return serve(call, channel, admitting(requestId, dialect));
        }
    }

    private Exchange serve(HttpCall call, ResponseChannel channel, Admitting admitting) {
        admitting.traceContext = TraceHeaders.of(call);
        try {
            return admit(call, channel, admitting);
        } catch (ApiErrorException refused) {
            admitting.headers.putAll(refused.headers());
            if (!admitting.bodyRead && call.contentLength() != 0) {
                // Refused before its body was read: the container cannot reuse the connection, so
                // say so, or a keep-alive client sends its next request into a closing socket.
                admitting.headers.put("Connection", "close");
            }
            respond(channel, admitting, refused.error());
            return Exchange.ANSWERED;
        } catch (RuntimeException bug) {
            LOG.error("Request {} failed unexpectedly", admitting.requestId, bug);
            respond(channel, admitting, ErrorMapper.internal());
            return Exchange.ANSWERED;
        }
    }

    private Exchange admit(HttpCall call, ResponseChannel channel, Admitting admitting) {
        String requestId = admitting.requestId;
        Map<String, String> extra = admitting.headers;
        gate.checkHost(call);
        if ("OPTIONS".equals(call.method())) {
            extra.putAll(gate.preflight(call));
            channel.sendJson(204, Headers.empty(requestId, extra), "");
            return Exchange.ANSWERED;
        }
        checkMethod(call.method());
        extra.putAll(gate.checkCrossSite(call));
        Identity who = gate.identify(call);
        admitting.user = who.user();
        RequestCount counted = count(who, admitting);
        checkMediaType(call.header("Content-Type"));
        byte[] body = BodyReader.read(call, ctx.settings().input().maxBytes());
        admitting.bodyRead = true;
        Dialect.Parsed parsed = admitting.dialect.parse(body, call.header("Accept"));
        ChatRequest request = parsed.request();
        checkModelAllowed(request.model(), who);
        List<Target> order = capableTargets(request, admitting);
        List<ChatMessage> messages = withSystemPrompt(redacted(request.messages(), admitting));
        int inputTokens = checkInputTokens(messages, request.options());
        return start(parsed, order, counted, messages, inputTokens, channel, admitting);
    }

    /**
     * A call made in code (a server-side summary, say), under the same limits and usage records as
     * the route. The request is not streamed; its model alias must exist.
     */
    public CompletableFuture<ChatAnswer> call(ChatRequest request, Identity who) {
        String requestId = requestIds.accept(null);
        try (CallMdc ignored = CallMdc.of(requestId)) {
            return call(request, who, admitting(requestId, chatDialect));
        }
    }

    private CompletableFuture<ChatAnswer> call(ChatRequest request, Identity who, Admitting admitting) {
        admitting.user = who.user();
        DirectChannel channel = new DirectChannel();
        try {
            RequestCount counted = count(who, admitting);
            if (ctx.settings().model(request.model()) == null) {
                throw ContractError.MODEL_NOT_FOUND.error("Unknown model '" + request.model() + "'", "model")
                        .toException();
            }
            int cap = ctx.settings().input().maxOutputTokens();
            if (request.messages().isEmpty() || request.maxTokens() < 1 || request.maxTokens() > cap) {
                throw ContractError.INVALID_PARAMETER.error("a call needs at least one message and "
                        + "max_tokens between 1 and " + cap, null).toException();
            }
            RequestParser.checkMetadata(request.metadata());
            checkModelAllowed(request.model(), who);
            ChatRequest json = new ChatRequest(request.messages(), request.model(), false, request.maxTokens(),
                    request.temperature(), request.metadata(), request.options());
            List<Target> order = capableTargets(json, admitting);
            List<ChatMessage> messages = withSystemPrompt(redacted(json.messages(), admitting));
            start(new Dialect.Parsed(json, true), order, counted, messages, checkInputTokens(messages, json.options()), channel,
                    admitting);
        } catch (ApiErrorException refused) {
            respond(channel, admitting, refused.error());
        }
        return channel.answer();
    }

    /** The circuits of every configured target and the limit store's state ({@link HealthCheck}). */
    public dev.chatroute.Health health() {
        return HealthCheck.of(ctx.settings(), router, gate.limiter());
    }

    /**
     * Drains the gateway: new calls are refused at once with a 503 ({@code shutting_down}); calls in
     * flight may finish for up to {@code chatroute.shutdown.grace}, and those still going then are
     * ended with that error (an {@code error} event on a stream) and their provider calls cancelled.
     * Their usage records are written and their limits settled like any call's. Blocks the caller
     * (the undeploying thread) for at most the grace period and a moment more.
     */
    public void close() {
        closed = true;
        long graceNanos = ctx.settings().timeouts().shutdownGrace().toNanos();
        if (!awaitNoneLive(graceNanos)) {
            LOG.info("Ending {} call(s) still in flight after the shutdown grace period", live.size());
            List.copyOf(live).forEach(Call::cut);
            awaitNoneLive(CUT_WAIT.toNanos());
        }
    }

    private boolean awaitNoneLive(long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (live) {
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    live.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return live.isEmpty();
                }
            }
            return true;
        }
    }

    private void ended(Call call) {
        synchronized (live) {
            live.remove(call);
            if (live.isEmpty()) {
                live.notifyAll();
            }
        }
    }

    /** Counts the request; its RateLimit headers go on whatever answer follows, a refusal included. */
    private RequestCount count(Identity who, Admitting admitting) {
        RequestCount counted = gate.limiter().countRequest(who);
        admitting.headers.putAll(counted.headers());
        return counted;
    }

    /** CONTRACT §1: 403 for an alias whose {@code .roles} the caller holds none of. */
    private void checkModelAllowed(String alias, Identity who) {
        ModelRoute route = ctx.settings().model(alias);
        if (route != null && !route.allows(who.roles())) {
            throw ContractError.MODEL_NOT_ALLOWED.error("Your roles do not allow model '" + alias + "'", "model")
                    .toException();
        }
    }

    private int checkInputTokens(List<ChatMessage> messages, dev.chatroute.ModelOptions options) {
        int inputTokens = ctx.tokens().countInput(messages) + ctx.tokens().countTools(options.tools());
        int limit = ctx.settings().input().maxTokens();
        if (inputTokens > limit) {
            throw ContractError.CONTEXT_LENGTH_EXCEEDED.error("The input is about " + inputTokens
                    + " tokens, more than the " + limit + " allowed", "messages").toException();
        }
        return inputTokens;
    }

    /**
     * The chain's targets in the order of its strategy, without those whose provider lacks a
     * capability the request needs (each told as a skip); 400 {@code unsupported_parameter} when
     * none is left.
     */
    private List<Target> capableTargets(ChatRequest request, Admitting admitting) {
        List<Target> order = Router.order(ctx.settings().model(request.model()));
        Set<Capability> needed = Capabilities.needed(request.options());
        if (needed.isEmpty()) {
            return order;
        }
        List<Target> capable = new ArrayList<>(order.size());
        Capability lacking = null;
        for (Target target : order) {
            ChatProvider provider = ctx.provider(target.provider());
            Capability missing = needed.stream().filter(c -> !provider.supports(c)).findFirst().orElse(null);
            if (missing == null) {
                capable.add(target);
            } else {
                lacking = lacking == null ? missing : lacking;
                String why = Capabilities.name(missing);
                admitting.listener.tell(l -> l.targetSkipped(target.toString(), why));
            }
        }
        if (capable.isEmpty()) {
            throw ContractError.UNSUPPORTED_PARAMETER.error("No provider for model '" + request.model()
                    + "' supports " + Capabilities.name(lacking) + "; send the request without " + lacking.param()
                    + " or use another model", lacking.param()).toException();
        }
        return capable;
    }

    private Exchange start(Dialect.Parsed parsed, List<Target> order, RequestCount counted,
            List<ChatMessage> messages, int inputTokens, ResponseChannel channel, Admitting admitting) {
        ChatRequest request = parsed.request();
        Identity who = counted.who();
        if (closed) {
            throw ErrorMapper.shuttingDown().toException();
        }
        String requestId = admitting.requestId;
        Map<String, String> extra = admitting.headers;
        ModelRoute route = ctx.settings().model(request.model());
        Admission admission = gate.limiter().admit(counted, (long) inputTokens + request.maxTokens(),
                mostItCanCost(route, inputTokens, request.maxTokens()));
        extra.putAll(admission.headers());
        Call call;
        try {
            AnswerFormat format = admitting.dialect.answerFormat(requestId, ctx.newCompletionId(),
                    ctx.clock().instant().getEpochSecond(), parsed);
            call = new Call(ctx, admitting.listener, requestId, who.user(), request, messages, inputTokens, extra,
                    admission, channel, this::ended, admitting.pii, admitting.traceContext, format);
        } catch (RuntimeException e) {
            admission.end(0);
            throw e;
        }
        synchronized (live) {
            live.add(call);
        }
        if (closed) { // close() began after the check above: it may not have seen this call
            ended(call);
            admission.end(0);
            throw ErrorMapper.shuttingDown().toException();
        }
        call.start(router, order, who.user());
        return call;
    }

    /**
     * Guards a request to another path of the application: request id, cross-site check, identity
     * and requests per minute, as for the chat route, but no provider call.
     */
    public GuardOutcome guard(HttpCall call) {
        return guarded(call, chatDialect, who -> null);
    }

    /**
     * Answers a read of the route's own (the OpenAI facade's model list): guarded as {@link #guard},
     * then {@code answer} makes the 200's JSON for the caller, or refuses by throwing; refusals are
     * written in {@code dialect}'s errors. The outcome is allowed, with status 200 and the body.
     */
    public GuardOutcome answer(HttpCall call, Dialect dialect, Function<Identity, String> answer) {
        return guarded(call, dialect, answer);
    }

    private GuardOutcome guarded(HttpCall call, Dialect dialect, Function<Identity, String> answer) {
        String requestId = requestIds.accept(call.header(RequestIds.HEADER));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(RequestIds.HEADER, requestId);
        try (CallMdc ignored = CallMdc.of(requestId)) {
            gate.checkHost(call);
            if (!isSafe(call.method())) {
                extra.putAll(gate.checkCrossSite(call));
            }
            Identity who = gate.identify(call);
            extra.putAll(gate.limiter().countRequest(who).headers());
            String body = answer.apply(who);
            return body == null ? GuardOutcome.allow(extra)
                    : new GuardOutcome(true, 200, Headers.json(requestId, extra), body);
        } catch (ApiErrorException refused) {
            extra.putAll(refused.headers());
            ApiError error = refused.error();
            return GuardOutcome.refuse(dialect.status(error), Headers.error(requestId, error, extra),
                    dialect.errorBody(error, requestId));
        }
    }

    /**
     * Checks a call to another page of the application (an admin page, a metrics scrape): allowed
     * with its request id, or refused with the contract's JSON error that {@code refusal} names.
     */
    public GuardOutcome check(HttpCall call, Function<HttpCall, ApiError> refusal) {
        String requestId = requestIds.accept(call.header(RequestIds.HEADER));
        try (CallMdc ignored = CallMdc.of(requestId)) {
            ApiError error = refusal.apply(call);
            return error == null ? GuardOutcome.allow(Map.of(RequestIds.HEADER, requestId)) : refused(requestId, error);
        }
    }

    /** The contract's JSON error as a guard's refusal: its status, headers and body. */
    public static GuardOutcome refused(String requestId, ApiError error) {
        return GuardOutcome.refuse(error.status(), Headers.error(requestId, error, Map.of()),
                Bodies.error(error, requestId));
    }

    private void respond(ResponseChannel channel, Admitting admitting, ApiError error) {
        String requestId = admitting.requestId;
        channel.sendJson(admitting.dialect.status(error), Headers.error(requestId, error, admitting.headers),
                admitting.dialect.errorBody(error, requestId));
        UsageRecord record = new UsageRecord(requestId, admitting.user, null, null, null, false, Outcome.REFUSED,
                error.status(), error.code(), new Usage(0, 0), false, ctx.clock().instant(), Duration.ZERO, null,
                0, false, Map.of(), admitting.pii.findings(), Price.FREE, false);
        admitting.listener.tell(l -> l.refused(requestId, error));
        admitting.listener.tell(l -> l.callEnd(record));
    }

    /**
     * What a call can cost at most, for the spend budgets: its input estimate and its whole output
     * cap at the dearest target of its chain, as retries and fallbacks may land on any of them.
     */
    private BigDecimal mostItCanCost(ModelRoute route, int inputTokens, int maxTokens) {
        Usage most = new Usage(inputTokens, maxTokens);
        BigDecimal dearest = Price.FREE;
        for (Target target : route.targets()) {
            dearest = dearest.max(ctx.costs().cost(target.provider(), target.model(), most));
        }
        return dearest;
    }

    private static CostMeter costMeter(Settings settings) {
        Map<String, Prices> prices = new HashMap<>();
        settings.providers().forEach((name, provider) -> prices.put(name, provider.prices()));
        return new CostMeter(prices);
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static void checkMethod(String method) {
        if (!"POST".equals(method)) {
            throw ContractError.METHOD_NOT_ALLOWED.error().toException();
        }
    }

    private static void checkMediaType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw ContractError.UNSUPPORTED_MEDIA_TYPE.error().toException();
        }
    }

    /**
     * The caller's messages as they may go upstream ({@code chatroute.pii}): before the system prompt
     * is added, which is the operator's text, and before tokens are counted or limits reserved, so a
     * refusal ({@code pii_detected}) costs nothing. The findings are kept for the usage record.
     */
    private List<ChatMessage> redacted(List<ChatMessage> messages, Admitting admitting) {
        admitting.pii = pii.apply(messages);
        admitting.pii.refuseIfFound();
        return admitting.pii.messages(messages);
    }

    private List<ChatMessage> withSystemPrompt(List<ChatMessage> messages) {
        String prompt = ctx.settings().input().systemPrompt();
        if (prompt == null) {
            return messages;
        }
        List<ChatMessage> all = new ArrayList<>(messages.size() + 1);
        all.add(ChatMessage.system(prompt));
        all.addAll(messages);
        return all;
    }
}
