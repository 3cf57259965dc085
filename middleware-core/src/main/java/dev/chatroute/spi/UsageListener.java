package dev.chatroute.spi;

import dev.chatroute.UsageRecord;

/**
 * Receives one record per call. Listeners run on the call's thread: they must be fast and must not
 * throw (a listener that throws is logged and otherwise ignored).
 */
@FunctionalInterface
public interface UsageListener {

    UsageListener NONE = record -> { };

    void onUsage(UsageRecord record);
}
