package dev.chatroute.internal.tracing;

import static dev.chatroute.internal.metrics.GenAiProviders.modelOf;
import static dev.chatroute.internal.metrics.GenAiProviders.providerOf;

import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.internal.metrics.GenAiProviders;
import dev.chatroute.spi.EventListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The span of one call: a CLIENT span named and described as the OpenTelemetry GenAI conventions
 * say ({@code chat {gen_ai.request.model}}), begun when the first try of a provider starts and ended
 * when the call ends, with an event for each try, retry, fallback and circuit change. A call refused
 * before any provider was called (a limit, a bad request, every circuit open) has no span: its
 * refusal is counted by the metrics and the usage record. It hears the call's events one at a time,
 * on the call's loop; the upstream requests carry the span's {@code traceparent}.
 */
final class CallSpan extends EventListener implements TraceHeaders.Source {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> ALIAS = AttributeKey.stringKey("chatroute.alias");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("chatroute.request.id");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("chatroute.target");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("chatroute.attempt");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("chatroute.status");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("chatroute.reason");
    static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("chatroute.delay_ms");
    static final AttributeKey<String> FROM = AttributeKey.stringKey("chatroute.from");
    static final AttributeKey<String> TO = AttributeKey.stringKey("chatroute.to");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("chatroute.circuit.state");

    /** Events before the span began (a circuit seen open, a fallback past it): kept for the span, a few. */
    private static final int MAX_EARLY_EVENTS = 16;

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private record Early(String name, Attributes attributes) {
    }

    private final Tracer tracer;
    private final Context ambient;
    private final GenAiProviders providers;
    private final List<Early> early = new ArrayList<>();
    private CallInfo info;
    private Span span;
    private String target;
    private String responseModel;
    private String finishReason;

    CallSpan(Tracer tracer, Context ambient, GenAiProviders providers) {
        this.tracer = tracer;
        this.ambient = ambient;
        this.providers = providers;
    }

    @Override
    public void admitted(CallInfo call) {
        info = call;
    }

    @Override
    public void attemptStart(String target, int attempt) {
        this.target = target;
        this.responseModel = null;
        if (span == null && info != null) {
            begin(target);
        }
    }

    private void begin(String firstTarget) {
        var builder = tracer.spanBuilder("chat " + modelOf(firstTarget))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent())
                .setAttribute(OPERATION, "chat")
                .setAttribute(PROVIDER, providers.name(providerOf(firstTarget)))
                .setAttribute(REQUEST_MODEL, modelOf(firstTarget))
                .setAttribute(ALIAS, info.model())
                .setAttribute(REQUEST_ID, info.requestId());
        if (info.maxTokens() > 0) {
            builder.setAttribute(MAX_TOKENS, (long) info.maxTokens());
        }
        span = builder.startSpan();
        early.forEach(e -> span.addEvent(e.name(), e.attributes()));
        early.clear();
    }

    /**
     * A valid current span of the serving thread (an application's server span) is the parent; else
     * the request's own {@code traceparent}; else none, and the span begins a trace.
     */
    private Context parent() {
        Map<String, String> incoming = info.traceContext();
        if (incoming.isEmpty() || Span.fromContext(ambient).getSpanContext().isValid()) {
            return ambient;
        }
        return W3CTraceContextPropagator.getInstance().extract(ambient, incoming, GETTER);
    }

    @Override
    public Map<String, String> upstreamHeaders() {
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers,
                (carrier, key, value) -> carrier.put(key, value));
        return headers;
    }

    @Override
    public void attemptEnd(String target, int attempt, String status) {
        event("chatroute.attempt", Attributes.of(TARGET, target, ATTEMPT, (long) attempt, STATUS, status));
    }

    @Override
    public void responseModel(String target, String model) {
        if (target.equals(this.target)) {
            responseModel = model;
        }
    }

    @Override
    public void retry(String target, String why, Duration delay) {
        event("chatroute.retry", Attributes.of(TARGET, target, REASON, why, DELAY_MS, delay.toMillis()));
    }

    @Override
    public void fallback(String from, String to, String why) {
        event("chatroute.fallback", Attributes.of(FROM, from, TO, to, REASON, why));
    }

    @Override
    public void circuitStateChanged(String target, CircuitState state) {
        event("chatroute.circuit", Attributes.of(TARGET, target, STATE, state.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void clientGone() {
        event("chatroute.client_gone", Attributes.empty());
    }

    @Override
    public void completed(String finishReason) {
        this.finishReason = finishReason;
    }

    @Override
    public void callEnd(UsageRecord record) {
        if (span == null) {
            return; // no provider was called
        }
        if (record.providerModel() != null) {
            span.updateName("chat " + record.providerModel()); // the target that answered, after a fallback
            span.setAttribute(PROVIDER, providers.name(record.provider()));
            span.setAttribute(REQUEST_MODEL, record.providerModel());
        }
        if (responseModel != null) {
            span.setAttribute(RESPONSE_MODEL, responseModel);
        }
        if (record.usage() != null) {
            span.setAttribute(INPUT_TOKENS, (long) record.usage().inputTokens());
            span.setAttribute(OUTPUT_TOKENS, (long) record.usage().outputTokens());
        }
        if (finishReason != null) {
            span.setAttribute(FINISH_REASONS, List.of(finishReason));
        }
        if (record.outcome() != Outcome.COMPLETED) {
            String type = record.errorCode() == null ? "_OTHER" : record.errorCode();
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
        }
        span.end();
    }

    private void event(String name, Attributes attributes) {
        if (span != null) {
            span.addEvent(name, attributes);
        } else if (early.size() < MAX_EARLY_EVENTS) {
            early.add(new Early(name, attributes));
        }
    }
}
