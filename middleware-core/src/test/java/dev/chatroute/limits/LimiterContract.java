package dev.chatroute.limits;

import static dev.chatroute.limits.LimiterCalls.call;

import static dev.chatroute.limits.RateLimitValues.remaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatroute.ApiError;
import dev.chatroute.ApiErrorException;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.limits.Admission;
import dev.chatroute.internal.limits.LimitSettings;
import dev.chatroute.internal.limits.Limiter;
import dev.chatroute.internal.limits.Limiters;
import dev.chatroute.spi.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every limiter does, whatever store holds its buckets; run once per store (like Bucket4j's
 * AbstractDistributedBucketTest). Time is a {@link ManualClock}: nothing here sleeps.
 */
abstract class LimiterContract {

    protected final ManualClock clock = new ManualClock();
    private final List<Limiter> opened = new ArrayList<>();

    /** The {@code chatroute.limits.store*} keys of the store under test. */
    protected abstract Map<String, String> storeConfig();

    /** A limiter on the store under test with these settings ({@code key, value, key, value...}). */
    protected Limiter limiter(String... keysAndValues) {
        Map<String, String> config = new LinkedHashMap<>(storeConfig());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Limiter limiter = Limiters.create(settings(config), clock);
        opened.add(limiter);
        return limiter;
    }

    protected static LimitSettings settings(Map<String, String> config) {
        return LimitSettings.read(new ConfigReader(ChatrouteConfig.builder().putAll(config).build()));
    }

    /** A user no other test uses, so stored buckets never leak between tests. */
    protected static Identity newUser(String... roles) {
        return new Identity("user-" + UUID.randomUUID(), Set.of(roles));
    }

    @AfterEach
    void closeLimiters() {
        opened.forEach(Limiter::close);
    }

    protected static ApiError refusal(Runnable call) {
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        return e.error();
    }

    protected static ApiErrorException refused(Runnable call) {
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        return e;
    }

    @Test
    void exactlyTheConfiguredNumberOfRequestsPerMinuteIsAdmitted() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "5",
                "chatroute.limits.tokens-per-day", "off", "chatroute.limits.concurrent-streams", "off");
        Identity alice = newUser();

        for (int i = 0; i < 5; i++) {
            call(limiter, alice, 10).end(10);
        }
        ApiError error = refusal(() -> call(limiter, alice, 10));

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.code()).isEqualTo("requests_per_minute");
        assertThat(error.message()).isEqualTo("You have used your 5 requests per minute; try again in 12 seconds");
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void requestsComeBackAsTheMinutePasses() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "5");
        Identity alice = newUser();
        for (int i = 0; i < 5; i++) {
            limiter.countRequest(alice);
        }

        clock.advance(Duration.ofSeconds(12));
        limiter.countRequest(alice);
        assertThat(refusal(() -> limiter.countRequest(alice)).code()).isEqualTo("requests_per_minute");

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            limiter.countRequest(alice);
        }
        assertThat(refusal(() -> limiter.countRequest(alice)).code()).isEqualTo("requests_per_minute");
    }

    @Test
    void theTokenReservationIsTakenAtAdmitAndSettledAtEnd() {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "10000");
        Identity alice = newUser();

        Admission call = call(limiter, alice, 3000);
        assertThat(remaining(call.headers(), "tpd")).isEqualTo(7000);
        call.end(1200);

        Admission next = call(limiter, alice, 1);
        assertThat(remaining(next.headers(), "tpd")).isEqualTo(10000 - 1200 - 1);
    }

    @Test
    void usageBeyondTheReservationIsChargedAtEnd() {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "10000");
        Identity alice = newUser();

        call(limiter, alice, 1000).end(1500);

        assertThat(remaining(call(limiter, alice, 1).headers(), "tpd")).isEqualTo(10000 - 1500 - 1);
    }

    @Test
    void fiftyConcurrentCallsNeverReserveMoreThanIsLeftOfTheDay() throws Exception {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "10000",
                "chatroute.limits.requests-per-minute", "off", "chatroute.limits.concurrent-streams", "off");
        Identity alice = newUser();
        call(limiter, alice, 9000).end(9000); // 1000 tokens left

        AtomicInteger reserved = new AtomicInteger();
        List<String> refusals = new CopyOnWriteArrayList<>();
        AtOnce.run(50, () -> {
            try {
                call(limiter, alice, 100);
                reserved.addAndGet(100);
            } catch (ApiErrorException e) {
                refusals.add(e.error().code());
            }
        });

        assertThat(reserved.get()).isEqualTo(1000);
        assertThat(refusals).hasSize(40).containsOnly("tokens_per_day");
    }

    @Test
    void aStreamPermitComesBackWhenTheCallEndsAndOnlyOnce() {
        Limiter limiter = limiter("chatroute.limits.concurrent-streams", "2");
        Identity alice = newUser();
        Admission first = call(limiter, alice, 10);
        Admission second = call(limiter, alice, 10);

        ApiErrorException third = refused(() -> call(limiter, alice, 10));
        assertThat(third.error().code()).isEqualTo("concurrent_streams");
        assertThat(third.error().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(third.error().message()).contains("2 chat calls in progress");

        first.end(10);
        first.end(10);
        Admission replacement = call(limiter, alice, 10);

        assertThat(refusal(() -> call(limiter, alice, 10)).code()).isEqualTo("concurrent_streams");
        second.end(10);
        replacement.end(10);
    }

    @Test
    void endIsSafeFromAnyThreadAndGivesBackOnePermit() throws Exception {
        Limiter limiter = limiter("chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission call = call(limiter, alice, 10);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> ends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ends.add(threads.submit(() -> call.end(5)));
            }
            for (Future<?> end : ends) {
                end.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        call(limiter, alice, 10);
        assertThat(refusal(() -> call(limiter, alice, 10)).code()).isEqualTo("concurrent_streams");
    }

    @Test
    void oneUsersExhaustionNeverTouchesAnother() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "2",
                "chatroute.limits.tokens-per-day", "1000", "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Identity bob = newUser();

        call(limiter, alice, 1000);
        assertThat(refusal(() -> call(limiter, alice, 1)).code()).isEqualTo("tokens_per_day");

        Admission bobs = call(limiter, bob, 1000);
        assertThat(remaining(bobs.headers(), "rpm")).isEqualTo(1);
        assertThat(remaining(bobs.headers(), "tpd")).isZero();
        assertThat(remaining(bobs.headers(), "concurrent")).isZero();
    }

    @Test
    void theMostGenerousOfAUsersRolesWins() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "2",
                "chatroute.limits.role.trial.requests-per-minute", "1",
                "chatroute.limits.role.pro.requests-per-minute", "4",
                "chatroute.limits.role.pro.tokens-per-day", "off");

        assertThat(limiter.roleNames()).containsExactlyInAnyOrder("trial", "pro");
        assertThat(admittedPerMinute(limiter, newUser())).isEqualTo(2);
        assertThat(admittedPerMinute(limiter, newUser("trial"))).isEqualTo(1);
        assertThat(admittedPerMinute(limiter, newUser("trial", "pro"))).isEqualTo(4);
        assertThat(admittedPerMinute(limiter, newUser("unconfigured"))).isEqualTo(2);
        assertThat(call(limiter, newUser("trial", "pro"), 1_000_000).headers().get("RateLimit-Policy"))
                .doesNotContain("tpd");
    }

    private static int admittedPerMinute(Limiter limiter, Identity who) {
        int admitted = 0;
        try {
            for (int i = 0; i < 100; i++) {
                call(limiter, who, 1).end(1);
                admitted++;
            }
        } catch (ApiErrorException e) {
            assertThat(e.error().code()).isEqualTo("requests_per_minute");
        }
        return admitted;
    }

    @Test
    void offSwitchesALimitOff() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "off",
                "chatroute.limits.tokens-per-day", "OFF", "chatroute.limits.concurrent-streams", "off");
        Identity alice = newUser();

        List<Admission> held = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            held.add(call(limiter, alice, 1_000_000));
        }

        assertThat(held.get(99).headers()).isEmpty();
        assertThat(limiter.countRequest(alice).headers()).isEmpty();
    }

    @Test
    void anAdmissionCarriesTheRateLimitHeadersOfEveryLimitThatApplies() {
        Limiter limiter = limiter();
        Identity alice = newUser();

        Map<String, String> headers = call(limiter, alice, 1000).headers();

        assertThat(headers).containsEntry("RateLimit-Policy",
                "\"rpm\";q=20;w=60, \"tpd\";q=200000;w=86400, \"concurrent\";q=2");
        // t: seconds until full again; 1000 tokens at 200000 a day come back in 432 seconds
        assertThat(headers).containsEntry("RateLimit", "\"rpm\";r=19;t=3, \"tpd\";r=199000;t=432, \"concurrent\";r=1");
    }

    @Test
    void aRefusalNamesTheLimitWithRetryAfterAndRateLimitHeaders() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "20");
        Identity alice = newUser();
        for (int i = 0; i < 20; i++) {
            call(limiter, alice, 10).end(10);
        }

        ApiErrorException refused = refused(() -> call(limiter, alice, 10));

        assertThat(refused.error().code()).isEqualTo("requests_per_minute");
        assertThat(refused.error().message())
                .isEqualTo("You have used your 20 requests per minute; try again in 3 seconds");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(3));
        // refused while counting, before anything else is checked: only the minute's policy applies yet
        assertThat(refused.headers()).containsEntry("RateLimit-Policy", "\"rpm\";q=20;w=60");
        assertThat(refused.headers()).containsEntry("RateLimit", "\"rpm\";r=0;t=3");
    }

    @Test
    void aDailyRefusalSaysHowMuchIsLeftAndWhenEnoughWillBe() {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "86400");
        Identity alice = newUser();
        call(limiter, alice, 86000).end(86000);

        ApiErrorException refused = refused(() -> call(limiter, alice, 1000));

        assertThat(refused.error().code()).isEqualTo("tokens_per_day");
        // one token a second comes back: 600 more are needed
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(600));
        assertThat(refused.error().message()).isEqualTo("This request needs up to 1000 tokens and only 400 of your"
                + " 86400 tokens per day are left; try again in 10 minutes");
        // the refused call was still counted as a request: two of the 20 are gone
        assertThat(refused.headers().get("RateLimit")).isEqualTo("\"rpm\";r=18;t=6, \"tpd\";r=400;t=600");
    }

    @Test
    void aLaterRefusalGivesBackWhatTheEarlierChecksTook() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "5",
                "chatroute.limits.tokens-per-day", "1000", "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        Admission holding = call(limiter, alice, 100);

        for (int i = 0; i < 3; i++) {
            assertThat(refusal(() -> call(limiter, alice, 100)).code()).isEqualTo("concurrent_streams");
        }
        holding.end(100);

        Admission next = call(limiter, alice, 1);
        assertThat(remaining(next.headers(), "rpm")).as("refused calls still count as requests").isZero();
        assertThat(remaining(next.headers(), "tpd")).isEqualTo(1000 - 100 - 1);
        assertThat(remaining(next.headers(), "concurrent")).isZero();
    }

    @Test
    void aReservationLargerThanTheWholeDayIsRefusedRatherThanLeftWaiting() {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "1000",
                "chatroute.limits.requests-per-minute", "2");
        Identity alice = newUser();

        ApiErrorException refused = refused(() -> call(limiter, alice, 1001));

        assertThat(refused.error().code()).isEqualTo("tokens_per_day");
        assertThat(refused.error().message()).contains("1001 tokens", "more than your whole allowance of 1000 tokens");
        assertThat(refused.error().retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(refused.headers()).containsKey("RateLimit-Policy");
        // the refusal reserved nothing: the whole day is still there (the request itself was counted)
        assertThat(remaining(call(limiter, alice, 1000).headers(), "tpd")).isZero();
    }

    @Test
    void countingARequestTouchesOnlyTheRequestsPerMinute() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "3",
                "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        call(limiter, alice, 100); // holds the only stream permit

        Map<String, String> headers = limiter.countRequest(alice).headers();
        assertThat(headers).containsEntry("RateLimit-Policy", "\"rpm\";q=3;w=60")
                .containsEntry("RateLimit", "\"rpm\";r=1;t=40");
        limiter.countRequest(alice);

        ApiErrorException refused = refused(() -> limiter.countRequest(alice));
        assertThat(refused.error().code()).isEqualTo("requests_per_minute");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusedCallsStillCountAsRequestsButReserveNothing() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "3",
                "chatroute.limits.tokens-per-day", "1000", "chatroute.limits.concurrent-streams", "1");
        Identity alice = newUser();
        limiter.countRequest(alice); // say, a request refused as invalid after it was counted
        limiter.countRequest(alice);

        Admission admitted = call(limiter, alice, 1000);
        assertThat(remaining(admitted.headers(), "rpm")).isZero();
        assertThat(refusal(() -> limiter.countRequest(alice)).code()).isEqualTo("requests_per_minute");
    }

    @Test
    void globalRequestsPerMinuteAreSharedByAllUsersAndOffByDefault() {
        Limiter limiter = limiter("chatroute.limits.global.requests-per-minute", "3");
        for (int i = 0; i < 3; i++) {
            limiter.countRequest(newUser());
        }

        ApiErrorException refused = refused(() -> limiter.countRequest(newUser()));

        assertThat(refused.error().status()).isEqualTo(429);
        assertThat(refused.error().type()).isEqualTo("rate_limit_error");
        assertThat(refused.error().code()).isEqualTo("global_requests_per_minute");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(refused.error().message()).isEqualTo("The service has had its 3 requests per minute from all"
                + " users together; try again in 20 seconds");
        // the user's own minute shows in the headers: the request counted against it
        assertThat(remaining(refused.headers(), "rpm")).isEqualTo(19);
        assertThat(refused.headers().get("RateLimit-Policy")).isEqualTo("\"rpm\";q=20;w=60");

        clock.advance(Duration.ofSeconds(20));
        limiter.countRequest(newUser());
        Limiter unlimited = limiter();
        for (int i = 0; i < 100; i++) {
            unlimited.countRequest(newUser());
        }
    }

    @Test
    void aUserRefusedByTheirOwnLimitDoesNotSpendTheGlobalMinute() {
        Limiter limiter = limiter("chatroute.limits.requests-per-minute", "1",
                "chatroute.limits.global.requests-per-minute", "3");
        Identity greedy = newUser();
        limiter.countRequest(greedy);
        for (int i = 0; i < 10; i++) {
            assertThat(refusal(() -> limiter.countRequest(greedy)).code()).isEqualTo("requests_per_minute");
        }

        limiter.countRequest(newUser());
        limiter.countRequest(newUser());
        assertThat(refusal(() -> limiter.countRequest(newUser())).code()).isEqualTo("global_requests_per_minute");
    }

    @Test
    void globalConcurrentStreamsAreSharedAndComeBackWhenCallsEnd() {
        Limiter limiter = limiter("chatroute.limits.global.concurrent-streams", "2");
        Admission alices = call(limiter, newUser(), 10);
        call(limiter, newUser(), 10);
        Identity carol = newUser();

        ApiErrorException refused = refused(() -> call(limiter, carol, 10));
        assertThat(refused.error().code()).isEqualTo("global_concurrent_streams");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // what carol's own limits took is back
        assertThat(remaining(refused.headers(), "tpd")).isEqualTo(200_000);
        assertThat(remaining(refused.headers(), "concurrent")).isEqualTo(2);

        alices.end(10);
        alices.end(10);
        Admission carols = call(limiter, carol, 10);
        assertThat(remaining(carols.headers(), "concurrent")).isEqualTo(1);
        assertThat(refusal(() -> call(limiter, newUser(), 10)).code()).isEqualTo("global_concurrent_streams");
    }

    @Test
    void globalTokensPerDayAreReservedAndSettledLikeAUsers() {
        Limiter limiter = limiter("chatroute.limits.global.tokens-per-day", "86400");
        Admission first = call(limiter, newUser(), 50_000);
        Identity bob = newUser();

        ApiErrorException refused = refused(() -> call(limiter, bob, 50_000));
        assertThat(refused.error().code()).isEqualTo("global_tokens_per_day");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofSeconds(13_600)); // one token a second
        assertThat(remaining(refused.headers(), "tpd")).as("bob's own reservation given back").isEqualTo(200_000);

        first.end(1_000); // settled to what it used: 49000 come back to the service
        call(limiter, bob, 50_000);
        assertThat(refusal(() -> call(limiter, newUser(), 86_401)).code()).isEqualTo("global_tokens_per_day");
    }
}
