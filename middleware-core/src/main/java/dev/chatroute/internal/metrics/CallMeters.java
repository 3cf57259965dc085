package dev.chatroute.internal.metrics;

import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.EventListener.CircuitState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one gateway, on one Micrometer registry: the OpenTelemetry GenAI client metrics and
 * Chatroute's own. Every method only finds a meter (Micrometer caches them by name and tags) and
 * records on it: nothing here blocks a call for long. No tag names a user: that is the ledger's.
 */
final class CallMeters {

    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String DURATION = "gen_ai.client.operation.duration";
    static final String FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    static final String CALLS = "chatroute.calls";
    static final String ATTEMPTS = "chatroute.upstream.attempts";
    static final String RETRIES = "chatroute.retries";
    static final String FALLBACKS = "chatroute.fallbacks";
    static final String CIRCUIT_STATE = "chatroute.circuit.state";
    static final String CIRCUIT_CHANGES = "chatroute.circuit.transitions";
    static final String LIMIT_REFUSALS = "chatroute.limit.refusals";
    static final String ACTIVE_STREAMS = "chatroute.streams.active";
    static final String COST = "chatroute.cost";

    /** The GenAI conventions' advice for token counts. */
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864};

    /** The GenAI conventions' advice for durations, up to the five minutes a long answer may take. */
    private static final Duration[] SECONDS_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 300);

    private final MeterRegistry registry;
    private final GenAiProviders providers;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();

    private CallMeters(MeterRegistry registry, GenAiProviders providers) {
        this.registry = registry;
        this.providers = providers;
        Gauge.builder(ACTIVE_STREAMS, activeStreams, AtomicInteger::get)
                .description("Event streams open to clients").register(registry);
    }

    static EventListener.Factory factory(Object registry, GenAiProviders providers) {
        CallMeters meters = new CallMeters((MeterRegistry) registry, providers);
        return requestId -> new CallMetrics(meters);
    }

    /**
     * The GenAI tags of a call to {@code provider} for {@code model} under the client's {@code alias},
     * answered as {@code responseModel} (the model the provider named; the one asked for when it named none).
     */
    Tags genAi(String provider, String model, String responseModel, String alias) {
        return Tags.of("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", providers.name(provider),
                "gen_ai.request.model", model,
                "gen_ai.response.model", responseModel == null ? model : responseModel,
                "chatroute.alias", alias);
    }

    /** What a call cost, in USD, by alias, provider (its configured name) and the model asked of it. */
    void cost(String alias, String provider, String model, double usd) {
        Counter.builder(COST).baseUnit("usd").description("What calls cost in USD, from the configured prices")
                .tags("chatroute.alias", alias, "chatroute.provider", provider, "gen_ai.request.model", model)
                .register(registry).increment(usd);
    }

    void tokens(Tags tags, String type, long count) {
        DistributionSummary.builder(TOKEN_USAGE).baseUnit("token").description("Tokens used per call")
                .serviceLevelObjectives(TOKEN_BUCKETS).tags(tags).tag("gen_ai.token.type", type)
                .register(registry).record(count);
    }

    void duration(Tags tags, Duration latency) {
        timer(DURATION, "Duration of a chat call to the model provider", tags).record(latency);
    }

    void firstChunk(Tags tags, Duration wait) {
        timer(FIRST_CHUNK, "Time from the start of a call to the first piece of its answer", tags).record(wait);
    }

    void call(String outcome, String code, String alias) {
        count(CALLS, "Calls of the chat route by how they ended", Tags.of("outcome", outcome, "code", code,
                "chatroute.alias", alias));
    }

    void attempt(String provider, String status) {
        count(ATTEMPTS, "Requests to model providers by how they answered", Tags.of("chatroute.provider", provider,
                "status", status));
    }

    void retry(String provider, String reason) {
        count(RETRIES, "Tries of a target made again", Tags.of("chatroute.provider", provider, "reason", reason));
    }

    void fallback(String from, String to, String reason) {
        count(FALLBACKS, "Moves to the next target of a model's chain", Tags.of("from", from, "to", to,
                "reason", reason));
    }

    void circuit(String target, CircuitState state) {
        circuits.computeIfAbsent(target, t -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(CIRCUIT_STATE, value, AtomicInteger::get)
                    .description("Circuit breaker state per target: 0 closed, 1 open, 2 half-open")
                    .tag("chatroute.target", t).register(registry);
            return value;
        }).set(state.ordinal());
        count(CIRCUIT_CHANGES, "Circuit breaker state changes per target", Tags.of("chatroute.target", target,
                "state", state.name().toLowerCase(java.util.Locale.ROOT)));
    }

    void limitRefused(String code) {
        count(LIMIT_REFUSALS, "Calls refused by a per-user limit", Tags.of("code", code));
    }

    AtomicInteger activeStreams() {
        return activeStreams;
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).serviceLevelObjectives(SECONDS_BUCKETS).tags(tags)
                .register(registry);
    }

    private void count(String name, String description, Tags tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
