package dev.chatroute.internal.ledger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ledger's one meter. Only {@link Ledger#registerMeter} names this class, and only when the
 * application gave a registry, so a gateway without Micrometer on its class path never loads it.
 */
final class LedgerMeter {

    static final String DROPPED = "chatroute.ledger.dropped";

    private LedgerMeter() {
    }

    static void register(Object registry, Ledger ledger) {
        FunctionCounter.builder(DROPPED, ledger, Ledger::dropped)
                .description("Usage ledger rows dropped: queue full, or the database down")
                .register((MeterRegistry) registry);
    }
}
