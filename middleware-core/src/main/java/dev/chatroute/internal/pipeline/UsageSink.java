package dev.chatroute.internal.pipeline;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.UsageListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each record to every listener; a listener that throws is logged, never propagated. */
public final class UsageSink {

    private static final Logger LOG = LoggerFactory.getLogger(UsageSink.class);

    private final List<UsageListener> listeners;

    public UsageSink(List<UsageListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void record(UsageRecord record) {
        for (UsageListener listener : listeners) {
            try {
                listener.onUsage(record);
            } catch (RuntimeException e) {
                LOG.warn("Usage listener {} failed on request {}", listener.getClass().getName(),
                        record.requestId(), e);
            }
        }
    }
}
