package dev.chatroute.internal.metrics;

import static dev.chatroute.internal.metrics.GenAiProviders.modelOf;
import static dev.chatroute.internal.metrics.GenAiProviders.providerOf;

import dev.chatroute.ApiError;
import dev.chatroute.Outcome;
import dev.chatroute.UsageRecord;
import dev.chatroute.spi.EventListener;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;

/** What one call records on the {@link CallMeters}; it hears the call's events one at a time, in order. */
final class CallMetrics extends EventListener {

    /** The alias tag of a call refused before it was admitted: its model may be anything a client typed. */
    private static final String NO_ALIAS = "none";

    private final CallMeters meters;
    private String alias = NO_ALIAS;
    private String target; // the try under way: provider/model
    private String responseModel; // the model the provider of that try named, or null
    private boolean streaming;

    CallMetrics(CallMeters meters) {
        this.meters = meters;
    }

    @Override
    public void admitted(CallInfo call) {
        alias = call.model();
        if (call.stream()) {
            streaming = true;
            meters.activeStreams().incrementAndGet();
        }
    }

    @Override
    public void refused(String requestId, ApiError error) {
        if (error.status() == 429) {
            meters.limitRefused(error.code());
        }
    }

    @Override
    public void attemptStart(String target, int attempt) {
        this.target = target;
        this.responseModel = null;
    }

    @Override
    public void responseModel(String target, String model) {
        if (target.equals(this.target)) {
            responseModel = model;
        }
    }

    @Override
    public void attemptEnd(String target, int attempt, String status) {
        meters.attempt(providerOf(target), status);
    }

    @Override
    public void firstToken(Duration timeToFirstToken) {
        if (target != null) {
            meters.firstChunk(meters.genAi(providerOf(target), modelOf(target), responseModel, alias), timeToFirstToken);
        }
    }

    @Override
    public void retry(String target, String why, Duration delay) {
        meters.retry(providerOf(target), why);
    }

    @Override
    public void fallback(String from, String to, String why) {
        meters.fallback(from, to, why);
    }

    @Override
    public void circuitStateChanged(String target, CircuitState state) {
        meters.circuit(target, state);
    }

    @Override
    public void callEnd(UsageRecord record) {
        if (streaming) {
            streaming = false;
            meters.activeStreams().decrementAndGet();
        }
        String code = record.errorCode() == null ? NO_ALIAS : record.errorCode();
        meters.call(record.outcome().name().toLowerCase(Locale.ROOT), code, alias);
        if (target == null) {
            return; // no provider was called (refused, or every circuit open): not a GenAI client operation
        }
        Tags tags = meters.genAi(record.provider(), record.providerModel(), responseModel, alias);
        Tags timed = record.outcome() == Outcome.COMPLETED ? tags : tags.and(Tag.of("error.type", code));
        if (record.latency() != null) {
            meters.duration(timed, record.latency());
        }
        if (record.usage() != null && record.outcome() != Outcome.REFUSED) {
            meters.tokens(tags, "input", record.usage().inputTokens());
            meters.tokens(tags, "output", record.usage().outputTokens());
        }
        meters.cost(alias, record.provider(), record.providerModel(), record.costUsd().doubleValue());
    }
}
