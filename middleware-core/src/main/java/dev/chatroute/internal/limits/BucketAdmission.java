package dev.chatroute.internal.limits;

import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted call's hold: its concurrency permits and its reservations of tokens and spend (the
 * user's, and the global ones where those limits are on), all in the store that admitted it. Ending
 * it once gives the permit back and settles each reservation to what was used: the rest is refunded,
 * and usage beyond the reservation is charged (the bucket may then go below zero, making the user
 * wait longer). Ending returns at once: the {@link Settler} does the work, and retries it while the
 * store does not answer.
 */
final class BucketAdmission implements Admission {

    private static final Logger LOG = LoggerFactory.getLogger(BucketAdmission.class);

    private final Settler settler;
    private final BucketStore store;
    private final List<Reserved> reserved;
    private final List<BucketSpec> streams;
    private final Map<String, String> headers;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** What a call took from one token or spend bucket (none for a limit that is off). */
    record Reserved(LimitKind kind, BucketSpec bucket, long amount) {
    }

    /**
     * @param reserved the token and spend buckets, and what was taken from each
     * @param streams the concurrency buckets a permit was taken from
     */
    BucketAdmission(Settler settler, BucketStore store, List<Reserved> reserved, List<BucketSpec> streams,
            Map<String, String> headers) {
        this.settler = settler;
        this.store = store;
        this.reserved = List.copyOf(reserved);
        this.streams = List.copyOf(streams);
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void end(long tokensUsed, BigDecimal costUsd) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            for (BucketSpec stream : streams) {
                settler.giveBack(store, LimitKind.STREAMS, stream, 1);
            }
            long micros = UsdMicros.ceil(costUsd);
            for (Reserved r : reserved) {
                long refund = r.amount() - (r.kind().spend() ? micros : Math.max(0, tokensUsed));
                if (refund > 0) {
                    settler.giveBack(store, r.kind(), r.bucket(), refund);
                } else if (refund < 0) {
                    settler.charge(store, r.kind(), r.bucket(), -refund);
                }
            }
        } catch (RuntimeException e) { // end() never throws: the call is over whatever happens here
            LOG.warn("Could not settle an ended call in {}: {}", store.description(), e.toString());
        }
    }
}
