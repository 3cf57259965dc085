package dev.chatroute.internal.pipeline;

import dev.chatroute.internal.tracing.TraceHeaders;
import dev.chatroute.spi.EventListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventListener}s of one call, made safe to call: a listener that throws is logged once
 * and hears nothing more of that call, and never keeps the others from hearing, nor breaks the call.
 */
final class CallListener {

    private static final Logger LOG = LoggerFactory.getLogger(CallListener.class);

    private final EventListener[] listeners;
    private final boolean[] failed;
    private final String requestId;

    CallListener(List<EventListener.Factory> factories, String requestId) {
        this.requestId = requestId;
        this.listeners = new EventListener[factories.size()];
        this.failed = new boolean[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            EventListener made;
            try {
                made = factories.get(i).create(requestId);
            } catch (RuntimeException e) {
                LOG.warn("Event listener factory {} failed on request {}", factories.get(i).getClass().getName(),
                        requestId, e);
                made = null;
            }
            listeners[i] = made == null ? EventListener.NONE : made;
        }
    }

    void tell(Consumer<EventListener> event) {
        for (int i = 0; i < listeners.length; i++) {
            if (failed[i] || listeners[i] == EventListener.NONE) {
                continue;
            }
            try {
                event.accept(listeners[i]);
            } catch (RuntimeException e) {
                failed[i] = true;
                LOG.warn("Event listener {} failed on request {}; it hears nothing more of this call",
                        listeners[i].getClass().getName(), requestId, e);
            }
        }
    }

    /** The headers the call's listeners want on its next upstream request (the trace context), the first's first. */
    Map<String, String> upstreamHeaders() {
        Map<String, String> headers = null;
        for (int i = 0; i < listeners.length; i++) {
            if (failed[i] || !(listeners[i] instanceof TraceHeaders.Source source)) {
                continue;
            }
            try {
                Map<String, String> more = source.upstreamHeaders();
                if (more != null && !more.isEmpty()) {
                    if (headers == null) {
                        headers = new HashMap<>();
                    }
                    more.forEach(headers::putIfAbsent);
                }
            } catch (RuntimeException e) {
                failed[i] = true;
                LOG.warn("Event listener {} failed on request {}; it hears nothing more of this call",
                        listeners[i].getClass().getName(), requestId, e);
            }
        }
        return headers == null ? Map.of() : headers;
    }
}
