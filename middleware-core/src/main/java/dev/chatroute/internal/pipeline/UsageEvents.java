package dev.chatroute.internal.pipeline;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.EventListener;
import dev.chatroute.spi.UsageListener;

/** A {@link UsageListener} as the event listener it is: it hears the end of every call. */
public final class UsageEvents extends EventListener {

    private final UsageListener usage;

    private UsageEvents(UsageListener usage) {
        this.usage = usage;
    }

    public static EventListener.Factory factory(UsageListener usage) {
        return EventListener.Factory.of(new UsageEvents(usage));
    }

    @Override
    public void callEnd(UsageRecord record) {
        usage.onUsage(record);
    }

    @Override
    public String toString() {
        return usage.getClass().getName();
    }
}
