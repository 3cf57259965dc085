package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted call's hold: its concurrency permits and its token reservations (the user's, and the
 * global ones where those limits are on), all in the store that admitted it. Ending it once gives the permit back and settles the reservation to the tokens used:
 * the rest is refunded, and usage beyond the reservation is charged (the daily bucket may then go
 * below zero, making the user wait longer). Ending returns at once: the {@link Settler} does the
 * work, and retries it while the store does not answer.
 */
final class BucketAdmission implements Admission {

    private static final Logger LOG = LoggerFactory.getLogger(BucketAdmission.class);

    private final Settler settler;
    private final BucketStore store;
    private final List<BucketSpec> tokens;
    private final long reserved;
    private final List<BucketSpec> streams;
    private final Map<String, String> headers;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * @param tokens the daily buckets {@code reserved} was taken from (none for a limit that is off)
     * @param streams the concurrency buckets a permit was taken from
     */
    BucketAdmission(Settler settler, BucketStore store, List<BucketSpec> tokens, long reserved,
            List<BucketSpec> streams, Map<String, String> headers) {
        this.settler = settler;
        this.store = store;
        this.tokens = List.copyOf(tokens);
        this.reserved = reserved;
        this.streams = List.copyOf(streams);
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void end(long tokensUsed) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            for (BucketSpec stream : streams) {
                settler.giveBack(store, LimitKind.STREAMS, stream, 1);
            }
            long refund = reserved - Math.max(0, tokensUsed);
            for (BucketSpec daily : tokens) {
                if (refund > 0) {
                    settler.giveBack(store, LimitKind.TOKENS, daily, refund);
                } else if (refund < 0) {
                    settler.charge(store, LimitKind.TOKENS, daily, -refund);
                }
            }
        } catch (RuntimeException e) { // end() never throws: the call is over whatever happens here
            LOG.warn("Could not settle an ended call in {}: {}", store.description(), e.toString());
        }
    }
}
