package dev.chatroute.internal.tracing;

import dev.chatroute.internal.metrics.GenAiProviders;
import dev.chatroute.spi.EventListener;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Makes a {@link CallSpan} for each call, from the given OpenTelemetry or, without one, the global one.
 * The global one is read per call with {@code getOrNoop()}: {@code GlobalOpenTelemetry.get()} would
 * install the no-op for good, and an application that sets its SDK after the gateway started could
 * not set it any more.
 */
final class CallTracer {

    static final String INSTRUMENTATION = "dev.chatroute";

    private final OpenTelemetry given; // null: the global one
    private final GenAiProviders providers;
    private volatile Tracers tracers; // the tracer of the OpenTelemetry seen last

    private record Tracers(OpenTelemetry of, Tracer tracer) {
    }

    private CallTracer(OpenTelemetry given, GenAiProviders providers) {
        this.given = given;
        this.providers = providers;
    }

    static EventListener.Factory factory(Object openTelemetry, GenAiProviders providers) {
        CallTracer tracer = new CallTracer((OpenTelemetry) openTelemetry, providers);
        // Made on the thread that serves the request: its current context (an application's server
        // span, say) is the call's parent unless the request's own traceparent says otherwise.
        return requestId -> new CallSpan(tracer.tracer(), Context.current(), providers);
    }

    private Tracer tracer() {
        OpenTelemetry now = given != null ? given : GlobalOpenTelemetry.getOrNoop();
        Tracers seen = tracers;
        if (seen == null || seen.of() != now) {
            seen = new Tracers(now, now.getTracer(INSTRUMENTATION));
            tracers = seen;
        }
        return seen.tracer();
    }
}
