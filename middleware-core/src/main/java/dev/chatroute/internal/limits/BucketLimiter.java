package dev.chatroute.internal.limits;

import static dev.chatroute.internal.limits.LimitKind.REQUESTS;
import static dev.chatroute.internal.limits.LimitKind.STREAMS;
import static dev.chatroute.internal.limits.LimitKind.TOKENS;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import dev.chatroute.spi.Identity;
import io.github.bucket4j.ConsumptionProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each user to their limits with one Bucket4j bucket per user and limit, kept in a
 * {@link BucketStore}.
 *
 * <p>A chat call takes, in this order, one request from the per-minute bucket, its token
 * reservation from the daily bucket, and one permit from the concurrency bucket; if a later one
 * refuses, what the earlier ones took is given back. When a shared store does not answer, the call
 * is refused with a 503 ({@code on-failure=deny}) or checked against buckets in this JVM alone
 * ({@code allow-local}); the first failure is logged once at WARN, the recovery once at INFO.
 *
 * <p>Admitting waits for the store (at most its command timeout per command, and the first failure
 * ends the wait); giving back and settling never wait: the {@link Settler} does them.
 */
final class BucketLimiter implements Limiter {

    private static final Logger LOG = LoggerFactory.getLogger(BucketLimiter.class);
    private static final List<LimitKind> CHAT = List.of(REQUESTS, TOKENS, STREAMS);
    private static final List<LimitKind> REQUEST_ONLY = List.of(REQUESTS);

    private final LimitSettings settings;
    private final BucketStore store;
    private final BucketStore fallback;
    private final Settler settler;
    private final AtomicBoolean storeAnswers = new AtomicBoolean(true);

    /** @param fallback buckets for when {@code store} does not answer, or null to refuse then */
    BucketLimiter(LimitSettings settings, BucketStore store, BucketStore fallback, Settler settler) {
        this.settings = settings;
        this.store = store;
        this.fallback = fallback;
        this.settler = settler;
    }

    @Override
    public Admission admit(Identity who, long reserveTokens) {
        Quota quota = settings.quotaFor(who.roles());
        long reserve = Math.max(0, reserveTokens);
        if (Quota.isOn(quota.tokensPerDay()) && reserve > quota.tokensPerDay()) {
            throw Refusals.tooLarge(quota.tokensPerDay(), reserve, new RateLimitHeaders(quota, CHAT).headers());
        }
        return withStore(s -> take(s, who.user(), quota, reserve, CHAT));
    }

    @Override
    public Map<String, String> countRequest(Identity who) {
        Quota quota = settings.quotaFor(who.roles());
        return withStore(s -> take(s, who.user(), quota, 0, REQUEST_ONLY)).headers();
    }

    @Override
    public Set<String> roleNames() {
        return settings.roleNames();
    }

    private Admission withStore(Function<BucketStore, Admission> check) {
        try {
            Admission admitted = check.apply(store);
            answered();
            return admitted;
        } catch (ApiErrorException refused) {
            answered();
            throw refused;
        } catch (StoreUnavailableException e) {
            unreachable(e);
            if (fallback == null) {
                throw Refusals.storeUnavailable();
            }
            return check.apply(fallback);
        }
    }

    private Admission take(BucketStore in, String user, Quota quota, long reserve, List<LimitKind> kinds) {
        List<Hold> holds = new ArrayList<>(kinds.size());
        BucketSpec tokens = null;
        BucketSpec stream = null;
        try {
            for (LimitKind kind : kinds) {
                long limit = quota.of(kind);
                if (!Quota.isOn(limit)) {
                    continue;
                }
                BucketSpec bucket = kind.bucket(user, limit);
                long amount = kind == TOKENS ? reserve : 1;
                if (kind == TOKENS) {
                    tokens = bucket;
                } else if (kind == STREAMS) {
                    stream = bucket;
                }
                if (amount == 0) {
                    continue; // nothing reserved; the daily bucket is still settled when the call ends
                }
                ConsumptionProbe probe = in.tryConsume(bucket, amount);
                if (!probe.isConsumed()) {
                    giveBack(in, holds);
                    throw refusal(kind, limit, amount, probe, quota, kinds, holds);
                }
                holds.add(new Hold(kind, bucket, amount, probe));
            }
        } catch (StoreUnavailableException e) {
            giveBack(in, holds);
            throw e;
        }
        RateLimitHeaders headers = new RateLimitHeaders(quota, kinds);
        for (Hold hold : holds) {
            headers.remaining(hold.kind(), hold.probe().getRemainingTokens(), hold.kind() == STREAMS ? null
                    : RateLimitHeaders.seconds(hold.probe().getNanosToWaitForReset()));
        }
        return new BucketAdmission(settler, in, tokens, reserve, stream, headers.headers());
    }

    private static ApiErrorException refusal(LimitKind kind, long limit, long amount, ConsumptionProbe probe,
            Quota quota, List<LimitKind> kinds, List<Hold> givenBack) {
        long retry = kind == STREAMS ? 1 : Math.max(1, probe.getNanosToWaitForRefill() == Long.MAX_VALUE
                ? kind.windowSeconds() : RateLimitHeaders.seconds(probe.getNanosToWaitForRefill()));
        RateLimitHeaders headers = new RateLimitHeaders(quota, kinds);
        for (Hold hold : givenBack) { // as they are now that what they took is back
            long reset = hold.probe().getNanosToWaitForReset()
                    - hold.kind().nanosToRefill(hold.amount(), quota.of(hold.kind()));
            headers.remaining(hold.kind(), hold.probe().getRemainingTokens() + hold.amount(),
                    hold.kind() == STREAMS ? null : RateLimitHeaders.seconds(reset));
        }
        headers.remaining(kind, probe.getRemainingTokens(), retry);
        return Refusals.exhausted(kind, limit, probe.getRemainingTokens(), amount, retry, headers.headers());
    }

    private void giveBack(BucketStore in, List<Hold> holds) {
        for (Hold hold : holds) {
            settler.giveBack(in, hold.kind(), hold.bucket(), hold.amount());
        }
    }

    private void answered() {
        if (!storeAnswers.get() && storeAnswers.compareAndSet(false, true)) {
            LOG.info("{} answers again; usage limits are shared by all instances again", store.description());
        }
    }

    private void unreachable(StoreUnavailableException e) {
        if (Thread.currentThread().isInterrupted()) {
            LOG.debug("Interrupted while asking {}: {}", store.description(), e.getMessage());
            return; // this caller gave up; that says nothing about the store
        }
        if (storeAnswers.compareAndSet(true, false)) {
            LOG.warn("{} is unreachable ({}); {} until it answers again", store.description(), e.getMessage(),
                    fallback == null
                            ? "chat calls are refused with 503 (chatroute.limits.redis.on-failure=deny)"
                            : "each instance checks usage limits in its own memory"
                                    + " (chatroute.limits.redis.on-failure=allow-local)");
        } else {
            LOG.debug("{} is still unreachable: {}", store.description(), e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            settler.close(); // first: its last attempts need the store open
            store.close();
        } finally {
            if (fallback != null) {
                fallback.close();
            }
        }
    }

    private record Hold(LimitKind kind, BucketSpec bucket, long amount, ConsumptionProbe probe) {
    }
}
