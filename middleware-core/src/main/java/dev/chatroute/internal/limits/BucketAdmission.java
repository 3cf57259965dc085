package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted call's hold: its concurrency permit and its token reservation, both in the store that
 * admitted it. Ending it once gives the permit back and settles the reservation to the tokens used:
 * the rest is refunded, and usage beyond the reservation is charged (the daily bucket may then go
 * below zero, making the user wait longer). Ending returns at once: the {@link Settler} does the
 * work, and retries it while the store does not answer.
 */
final class BucketAdmission implements Admission {

    private static final Logger LOG = LoggerFactory.getLogger(BucketAdmission.class);

    private final Settler settler;
    private final BucketStore store;
    private final BucketSpec tokens;
    private final long reserved;
    private final BucketSpec stream;
    private final Map<String, String> headers;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * @param tokens the daily bucket, or null when that limit is off
     * @param stream the concurrency bucket a permit was taken from, or null when that limit is off
     */
    BucketAdmission(Settler settler, BucketStore store, BucketSpec tokens, long reserved, BucketSpec stream,
            Map<String, String> headers) {
        this.settler = settler;
        this.store = store;
        this.tokens = tokens;
        this.reserved = reserved;
        this.stream = stream;
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
            if (stream != null) {
                settler.giveBack(store, LimitKind.STREAMS, stream, 1);
            }
            if (tokens != null) {
                long refund = reserved - Math.max(0, tokensUsed);
                if (refund > 0) {
                    settler.giveBack(store, LimitKind.TOKENS, tokens, refund);
                } else if (refund < 0) {
                    settler.charge(store, LimitKind.TOKENS, tokens, -refund);
                }
            }
        } catch (RuntimeException e) { // end() never throws: the call is over whatever happens here
            LOG.warn("Could not settle an ended call in {}: {}", store.description(), e.toString());
        }
    }
}
