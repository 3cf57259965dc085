package dev.chatroute.internal.ledger;

import dev.chatroute.UsageRecord;
import dev.chatroute.spi.EventListener;

/** One call's listener: counts its upstream tries, and hands its row to the ledger when it ends. */
final class LedgerListener extends EventListener {

    private final Ledger ledger;
    private int attempts;   // a call's events reach its listener one at a time: no lock needed
    private int upstream429;

    LedgerListener(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void attemptEnd(String target, int attempt, String status) {
        attempts++;
        if ("429".equals(status)) {
            upstream429++;
        }
    }

    @Override
    public void callEnd(UsageRecord record) {
        ledger.offer(new LedgerRow(record, attempts, upstream429));
    }
}
