package dev.chatroute.spi;

import dev.chatroute.UsageRecord;

/**
 * Receives one record per call, at its end: the simplest {@link EventListener} (a gateway runs each
 * one as the {@link EventListener#callEnd} of every call). Listeners run outside any lock, on the
 * call's own progress: they must be fast; a listener that throws is logged once and ignored.
 */
@FunctionalInterface
public interface UsageListener {

    UsageListener NONE = record -> { };

    void onUsage(UsageRecord record);
}
