package dev.chatroute.internal.ledger;

import dev.chatroute.UsageRecord;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One row of {@code chatroute_usage}: a call's {@link UsageRecord}, and how many upstream tries it
 * made and how many of them a provider answered with 429.
 */
record LedgerRow(UsageRecord record, int attempts, int upstream429) {

    /** {@code card=1,email=2}: the PII counts by type, sorted; null when none were found. */
    String piiFindings() {
        if (record.piiFindings().isEmpty()) {
            return null;
        }
        StringJoiner text = new StringJoiner(",");
        new TreeMap<>(record.piiFindings()).forEach((type, count) -> text.add(type + "=" + count));
        return text.toString();
    }
}
