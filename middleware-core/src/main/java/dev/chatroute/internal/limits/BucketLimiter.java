package dev.chatroute.internal.limits;

import static dev.chatroute.internal.limits.LimitKind.REQUESTS;
import static dev.chatroute.internal.limits.LimitKind.SPEND_DAY;
import static dev.chatroute.internal.limits.LimitKind.SPEND_MONTH;
import static dev.chatroute.internal.limits.LimitKind.STREAMS;
import static dev.chatroute.internal.limits.LimitKind.TOKENS;

import dev.chatroute.ApiErrorException;
import dev.chatroute.Health;
import dev.chatroute.internal.limits.BucketAdmission.Reserved;
import dev.chatroute.internal.limits.LimitKind.BucketSpec;
import dev.chatroute.spi.Identity;
import io.github.bucket4j.ConsumptionProbe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each user to their limits with one Bucket4j bucket per user and limit, and all users
 * together to the global limits with one shared bucket per limit, kept in a {@link BucketStore}.
 *
 * <p>{@link #countRequest} takes one request from the user's per-minute bucket, then from the global
 * one. {@link #admit} takes, in this order, the token reservation from the user's daily bucket, the
 * spend reservation from the user's daily and 30-day budgets, a permit from the user's concurrency
 * bucket, then the same from the global buckets; if a later one refuses, what the earlier ones took
 * is given back. When a shared store does not answer, the call
 * is refused with a 503 ({@code on-failure=deny}) or checked against buckets in this JVM alone
 * ({@code allow-local}); the first failure is logged once at WARN, the recovery once at INFO.
 *
 * <p>Counting and admitting wait for the store (at most its command timeout per command, and the
 * first failure ends the wait); giving back and settling never wait: the {@link Settler} does them.
 */
final class BucketLimiter implements Limiter {

    private static final Logger LOG = LoggerFactory.getLogger(BucketLimiter.class);
    private static final List<LimitKind> CHAT = List.of(REQUESTS, TOKENS, SPEND_DAY, SPEND_MONTH, STREAMS);
    private static final List<LimitKind> REQUEST_ONLY = List.of(REQUESTS);
    private static final List<LimitKind> RESERVED = List.of(TOKENS, SPEND_DAY, SPEND_MONTH, STREAMS);
    private static final Amounts ONE_REQUEST = new Amounts(0, 0);

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
    public RequestCount countRequest(Identity who) {
        Quota quota = settings.quotaFor(who.roles());
        return withStore(s -> count(s, who, quota));
    }

    @Override
    public Admission admit(RequestCount counted, long reserveTokens, BigDecimal reserveUsd) {
        Quota quota = counted.quota();
        long reserve = Math.max(0, reserveTokens);
        long micros = UsdMicros.ceil(reserveUsd);
        if (Quota.isOn(quota.tokensPerDay()) && reserve > quota.tokensPerDay()) {
            throw Refusals.tooLarge(quota.tokensPerDay(), reserve, chatHeaders(counted, List.of()).headers());
        }
        long globalTokens = settings.global().tokensPerDay();
        if (Quota.isOn(globalTokens) && reserve > globalTokens) {
            throw Refusals.tooLargeGlobally(globalTokens, reserve, chatHeaders(counted, List.of()).headers());
        }
        for (LimitKind budget : List.of(SPEND_DAY, SPEND_MONTH)) {
            long limit = quota.of(budget);
            if (Quota.isOn(limit) && micros > limit) {
                throw Refusals.tooCostly(budget, limit, micros, chatHeaders(counted, List.of()).headers());
            }
        }
        Amounts amounts = new Amounts(reserve, micros);
        return withStore(s -> reserve(s, counted, amounts));
    }

    @Override
    public Set<String> roleNames() {
        return settings.roleNames();
    }

    private <T> T withStore(Function<BucketStore, T> check) {
        try {
            T admitted = check.apply(store);
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

    /** The user's request, then the global one; neither is given back once the store took it. */
    private RequestCount count(BucketStore in, Identity who, Quota quota) {
        List<Hold> holds = take(in, checks(who.user(), quota, REQUEST_ONLY, ONE_REQUEST), false,
                refused -> headers(quota, REQUEST_ONLY, null, refused.holds(), refused));
        RateLimitHeaders headers = headers(quota, REQUEST_ONLY, null, holds, null);
        Hold mine = holds.stream().filter(h -> !h.check().global()).findFirst().orElse(null);
        return mine == null
                ? new RequestCount(who, quota, null, null, headers.headers())
                : new RequestCount(who, quota, mine.probe().getRemainingTokens(),
                        RateLimitHeaders.seconds(mine.probe().getNanosToWaitForReset()), headers.headers());
    }

    private Admission reserve(BucketStore in, RequestCount counted, Amounts amounts) {
        Quota quota = counted.quota();
        List<Check> checks = checks(counted.who().user(), quota, RESERVED, amounts);
        List<Hold> holds = take(in, checks, true, refused -> {
            RateLimitHeaders headers = chatHeaders(counted, List.of());
            for (Hold hold : refused.holds()) { // as they are now that what they took is back
                if (!hold.check().global()) {
                    Check c = hold.check();
                    long reset = hold.probe().getNanosToWaitForReset() - c.kind().nanosToRefill(c.amount(), c.limit());
                    headers.remaining(c.kind(), hold.probe().getRemainingTokens() + c.amount(),
                            c.kind() == STREAMS ? null : RateLimitHeaders.seconds(reset));
                }
            }
            addRefused(headers, refused);
            return headers;
        });
        List<Reserved> reserved = new ArrayList<>();
        List<BucketSpec> streams = new ArrayList<>();
        for (Check check : checks) { // a token or spend bucket is settled even when nothing was reserved
            if (check.kind() == STREAMS) {
                streams.add(check.bucket());
            } else {
                reserved.add(new Reserved(check.kind(), check.bucket(), check.amount()));
            }
        }
        return new BucketAdmission(settler, in, reserved, streams, chatHeaders(counted, holds).headers());
    }

    /** The checks of these limits: the user's first, then the global ones; limits that are off have none. */
    private List<Check> checks(String user, Quota quota, List<LimitKind> kinds, Amounts amounts) {
        List<Check> checks = new ArrayList<>();
        for (boolean global : new boolean[] {false, true}) {
            Quota q = global ? settings.global() : quota;
            for (LimitKind kind : kinds) {
                long limit = q.of(kind);
                if (Quota.isOn(limit)) {
                    checks.add(new Check(kind, global, global ? kind.globalBucket(limit) : kind.bucket(user, limit),
                            limit, amounts.of(kind)));
                }
            }
        }
        return checks;
    }

    /**
     * Takes each check's amount in order. On a refusal, gives back what the earlier checks took when
     * {@code giveBackOnRefusal} (a reservation), and throws the refusal whose headers {@code headers}
     * makes; on a store failure, always gives back, as the call is then checked elsewhere or refused.
     */
    private List<Hold> take(BucketStore in, List<Check> checks, boolean giveBackOnRefusal,
            Function<Refused, RateLimitHeaders> headers) {
        List<Hold> holds = new ArrayList<>(checks.size());
        try {
            for (Check check : checks) {
                if (check.amount() == 0) { // nothing reserved; the bucket is still settled when the call ends
                    if (check.kind().spend() && !check.global()) { // a free call: its headers show the budget
                        holds.add(new Hold(check, untouched(in, check)));
                    }
                    continue;
                }
                ConsumptionProbe probe = in.tryConsume(check.bucket(), check.amount());
                if (!probe.isConsumed()) {
                    if (giveBackOnRefusal) {
                        giveBack(in, holds);
                    }
                    throw refusal(new Refused(check, probe, holds), headers);
                }
                holds.add(new Hold(check, probe));
            }
        } catch (StoreUnavailableException e) {
            giveBack(in, holds);
            throw e;
        }
        return holds;
    }

    /** The headers of a whole chat call: requests as counted, then what these holds took. */
    private static RateLimitHeaders chatHeaders(RequestCount counted, List<Hold> holds) {
        return headers(counted.quota(), CHAT, counted, holds, null);
    }

    /** The headers of these limits after these holds, and of the refused one (if the user's own). */
    private static RateLimitHeaders headers(Quota quota, List<LimitKind> kinds, RequestCount counted,
            List<Hold> holds, Refused refused) {
        RateLimitHeaders headers = new RateLimitHeaders(quota, kinds);
        if (counted != null) {
            counted.addTo(headers);
        }
        for (Hold hold : holds) {
            if (!hold.check().global()) {
                headers.remaining(hold.check().kind(), hold.probe().getRemainingTokens(),
                        hold.check().kind() == STREAMS ? null
                                : RateLimitHeaders.seconds(hold.probe().getNanosToWaitForReset()));
            }
        }
        if (refused != null) {
            addRefused(headers, refused);
        }
        return headers;
    }

    private static void addRefused(RateLimitHeaders headers, Refused refused) {
        if (!refused.check().global()) {
            headers.remaining(refused.check().kind(), refused.probe().getRemainingTokens(), refused.retrySeconds());
        }
    }

    private static ApiErrorException refusal(Refused refused, Function<Refused, RateLimitHeaders> headers) {
        Check c = refused.check();
        Map<String, String> h = headers.apply(refused).headers();
        return c.global()
                ? Refusals.exhaustedGlobally(c.kind(), c.limit(), refused.retrySeconds(), h)
                : Refusals.exhausted(c.kind(), c.limit(), refused.probe().getRemainingTokens(), c.amount(),
                        refused.retrySeconds(), h);
    }

    /** A bucket's state for the headers, as a probe of taking nothing would tell it. */
    private static ConsumptionProbe untouched(BucketStore in, Check check) {
        long left = in.available(check.bucket());
        return ConsumptionProbe.consumed(left, check.kind().nanosToRefill(check.limit() - left, check.limit()));
    }

    private void giveBack(BucketStore in, List<Hold> holds) {
        for (Hold hold : holds) {
            if (hold.check().amount() == 0) {
                continue; // took nothing
            }
            settler.giveBack(in, hold.check().kind(), hold.check().bucket(), hold.check().amount());
        }
    }

    @Override
    public Health.Limits health() {
        boolean reachable = store.answers();
        return new Health.Limits(store.shared() ? "redis" : "local", reachable, reachable || fallback != null);
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

    /** One limit a call is checked against: the user's or the global bucket, and what it takes. */
    private record Check(LimitKind kind, boolean global, BucketSpec bucket, long limit, long amount) {
    }

    private record Hold(Check check, ConsumptionProbe probe) {
    }

    /** What a call reserves: tokens, and spend in micro-dollars; requests and permits are one each. */
    private record Amounts(long tokens, long micros) {

        long of(LimitKind kind) {
            return kind == TOKENS ? tokens : kind.spend() ? micros : 1;
        }
    }

    /** A check the store refused, and what the checks before it took. */
    private record Refused(Check check, ConsumptionProbe probe, List<Hold> holds) {

        /** The Retry-After: when the bucket admits again; for permits, a second, as calls end any time. */
        long retrySeconds() {
            LimitKind kind = check.kind();
            return kind == STREAMS ? 1 : Math.max(1, probe.getNanosToWaitForRefill() == Long.MAX_VALUE
                    ? kind.windowSeconds() : RateLimitHeaders.seconds(probe.getNanosToWaitForRefill()));
        }
    }
}
