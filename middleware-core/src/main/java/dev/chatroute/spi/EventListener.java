package dev.chatroute.spi;

import dev.chatroute.ApiError;
import dev.chatroute.UsageRecord;
import java.time.Duration;
import java.util.Map;

/**
 * Observes calls as they happen: for metrics, traces, ledgers and audits. Every method is a no-op
 * by default; override the ones you need. A gateway asks its {@link Factory} for one listener per
 * call, so a listener may keep per-call state without locking: a call's events reach its listener
 * one at a time, in order (on whatever thread the call is progressing on).
 *
 * <p>Listeners run outside any lock, but on the call's own progress: keep them fast, and hand slow
 * work (a database write) to your own executor. A listener that throws is logged once and ignored;
 * it never breaks a call.
 */
public abstract class EventListener {

    /** A listener that observes nothing. */
    public static final EventListener NONE = new EventListener() { };

    /**
     * What a call asked for, once it is admitted.
     *
     * @param model the alias the client asked for
     * @param maxTokens the call's {@code max_tokens} (0 where a listener's test built it without one)
     * @param traceContext the W3C trace context the request came with ({@code traceparent} and
     *     {@code tracestate}, lower-case names, as sent), empty when none or for a call made in code
     */
    public record CallInfo(String requestId, String user, String model, boolean stream, Map<String, String> metadata,
            int maxTokens, Map<String, String> traceContext) {

        public CallInfo {
            traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
        }

        /** A call without {@code max_tokens} or trace context (as CallInfo was before they were added). */
        public CallInfo(String requestId, String user, String model, boolean stream, Map<String, String> metadata) {
            this(requestId, user, model, stream, metadata, 0, Map.of());
        }
    }

    /** The states of a target's circuit breaker. */
    public enum CircuitState { CLOSED, OPEN, HALF_OPEN }

    /** A request reached the chat route (or {@code Chatroute.chat}); nothing is known of it yet. */
    public void callStart(String requestId) {
    }

    /** The call passed every check and holds its user's limits; a provider is called next. */
    public void admitted(CallInfo call) {
    }

    /** The call was refused before any provider was called; {@link #callEnd} follows. */
    public void refused(String requestId, ApiError error) {
    }

    /**
     * One try of one target begins.
     *
     * @param target {@code provider/model}
     * @param attempt 1 for the first try of this target, 2 for its first retry...
     */
    public void attemptStart(String target, int attempt) {
    }

    /**
     * How one try's request went, once known: {@code "200"} when it began answering, the provider's
     * HTTP status when it refused ({@code "429"}, {@code "503"}...), else what failed without one
     * ({@code "connection"}, {@code "timeout"}, {@code "stream_cut"}, {@code "protocol"}), or
     * {@code "cancelled"} when the call ended before the try did.
     */
    public void attemptEnd(String target, int attempt, String status) {
    }

    /**
     * The provider named the model that answered this try (the {@code model} of its chunks or body):
     * often a dated version of the one asked for. At most once per try, before its first piece.
     */
    public void responseModel(String target, String model) {
    }

    /** The first piece of the answer arrived, this long after the call started. */
    public void firstToken(Duration timeToFirstToken) {
    }

    /** A try failed and the same target is tried again after {@code delay}. */
    public void retry(String target, String why, Duration delay) {
    }

    /** A target failed (or its circuit is open) and the next target of the chain is tried. */
    public void fallback(String from, String to, String why) {
    }

    /**
     * A target of the chain is left out for this call because its provider lacks something the
     * request needs ({@code why} names it: {@code tools}, {@code json_schema}...). A skip, not a failure:
     * the target's circuit and retry budget do not hear of it.
     */
    public void targetSkipped(String target, String why) {
    }

    /** A target's circuit changed state, as this call's try made it (or found it) change. */
    public void circuitStateChanged(String target, CircuitState state) {
    }

    /** The answer is complete, for this reason ({@code stop}, {@code length}...); {@link #callEnd} follows. */
    public void completed(String finishReason) {
    }

    /** The client went away before the answer was complete; the provider call is cancelled. */
    public void clientGone() {
    }

    /** The call ended, however it ended; the record is also what {@link UsageListener}s get. */
    public void callEnd(UsageRecord record) {
    }

    /** Makes a listener for each call. */
    @FunctionalInterface
    public interface Factory {

        /** A factory that hands every call the same listener (which must then be thread-safe). */
        static Factory of(EventListener listener) {
            return requestId -> listener;
        }

        EventListener create(String requestId);
    }
}
