package dev.chatroute.limits;

import static dev.chatroute.limits.RateLimitValues.parse;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the spend budgets ({@code chatroute.limits.spend-per-day|month}) do, whatever store holds
 * their buckets; run once per store, as {@link LimiterContract} is. Only the budgets are on, so
 * each test sees them alone. Time is a {@link ManualClock}: nothing here sleeps.
 */
abstract class BudgetContract {

    protected final ManualClock clock = new ManualClock();
    private final List<Limiter> opened = new ArrayList<>();

    /** The {@code chatroute.limits.store*} keys of the store under test. */
    protected abstract Map<String, String> storeConfig();

    /** A limiter with only these limits on (budgets, or anything else set here). */
    private Limiter limiter(String... keysAndValues) {
        Map<String, String> config = new LinkedHashMap<>(storeConfig());
        config.put("chatroute.limits.requests-per-minute", "off");
        config.put("chatroute.limits.tokens-per-day", "off");
        config.put("chatroute.limits.concurrent-streams", "off");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Limiter limiter = Limiters.create(
                LimitSettings.read(new ConfigReader(ChatrouteConfig.builder().putAll(config).build())), clock);
        opened.add(limiter);
        return limiter;
    }

    @AfterEach
    void closeLimiters() {
        opened.forEach(Limiter::close);
    }

    private static Identity newUser(String... roles) {
        return new Identity("user-" + UUID.randomUUID(), Set.of(roles));
    }

    /** A chat call whose most possible cost is {@code usd}. */
    private static Admission call(Limiter limiter, Identity who, String usd) {
        return limiter.admit(limiter.countRequest(who), 10, new BigDecimal(usd));
    }

    private static ApiErrorException refused(Runnable call) {
        ApiErrorException e = catchThrowableOfType(ApiErrorException.class, call::run);
        assertThat(e).as("the call is refused").isNotNull();
        return e;
    }

    private static Long left(Admission admission, String policy) {
        return remaining(admission.headers(), policy);
    }

    @Test
    void aCallThatWouldGoPastTheDailyBudgetIsRefusedWithBudgetExceeded() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1.00");
        Identity alice = newUser();
        call(limiter, alice, "0.40").end(10, new BigDecimal("0.40"));
        call(limiter, alice, "0.40").end(10, new BigDecimal("0.40"));

        ApiErrorException refused = refused(() -> call(limiter, alice, "0.40"));

        ApiError error = refused.error();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.code()).isEqualTo("budget_exceeded");
        assertThat(error.message()).startsWith("This request could cost up to $0.40 and only $0.20 of your budget"
                + " of $1.00 per day is left; try again in ");
        // $0.20 more refills in a fifth of a day (the refill is spread over the day)
        assertThat(error.retryAfter()).isBetween(Duration.ofHours(4).plusMinutes(47), Duration.ofHours(4).plusMinutes(49));
        assertThat(parse(refused.headers().get("RateLimit-Policy")).get("spend-day"))
                .containsEntry("q", 100L).containsEntry("w", 86_400L);
        assertThat(parse(refused.headers().get("RateLimit")).get("spend-day")).containsEntry("r", 20L);
        // a refusal reserved nothing: what is left can still be spent
        assertThat(left(call(limiter, alice, "0.20"), "spend-day")).isZero();
    }

    @Test
    void theReservationIsSettledToTheRealCostAndTheDifferenceComesBack() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "10");
        Identity alice = newUser();

        Admission call = call(limiter, alice, "6.00");
        assertThat(left(call, "spend-day")).isEqualTo(400); // cents
        call.end(10, new BigDecimal("1.25"));

        assertThat(left(call(limiter, alice, "0.01"), "spend-day")).isEqualTo(1000 - 125 - 1);
    }

    @Test
    void aCostBeyondTheReservationIsChargedWhenTheCallEnds() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "10");
        Identity alice = newUser();

        call(limiter, alice, "1.00").end(10, new BigDecimal("1.50"));

        assertThat(left(call(limiter, alice, "0.01"), "spend-day")).isEqualTo(1000 - 150 - 1);
    }

    @Test
    void fractionsOfAMicroDollarAreRoundedUpSoManyTinyCallsCannotOvershoot() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "0.00001"); // ten micro-dollars
        Identity alice = newUser();

        for (int i = 0; i < 10; i++) {
            call(limiter, alice, "0.0000001").end(10, new BigDecimal("0.0000001"));
        }

        assertThat(refused(() -> call(limiter, alice, "0.0000001")).error().code()).isEqualTo("budget_exceeded");
    }

    @Test
    void theDailyBudgetRefillsOverARollingDay() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1");
        Identity alice = newUser();
        call(limiter, alice, "1").end(10, new BigDecimal("1"));
        assertThat(refused(() -> call(limiter, alice, "0.40")).error().code()).isEqualTo("budget_exceeded");

        clock.advance(Duration.ofHours(12)); // half the budget is back
        call(limiter, alice, "0.40").end(10, new BigDecimal("0.40"));
        assertThat(refused(() -> call(limiter, alice, "0.40")).error().code()).isEqualTo("budget_exceeded");

        clock.advance(Duration.ofDays(1));
        assertThat(left(call(limiter, alice, "1"), "spend-day")).isZero();
    }

    @Test
    void theMonthlyBudgetRefillsOverARolling30Days() {
        Limiter limiter = limiter("chatroute.limits.spend-per-month", "3");
        Identity alice = newUser();
        call(limiter, alice, "3").end(10, new BigDecimal("3"));

        clock.advance(Duration.ofDays(1)); // a thirtieth is back: $0.10
        ApiErrorException refused = refused(() -> call(limiter, alice, "0.20"));
        assertThat(refused.error().code()).isEqualTo("budget_exceeded");
        assertThat(refused.error().message()).contains("of your budget of $3.00 per 30 days");
        assertThat(refused.error().retryAfter()).isBetween(Duration.ofHours(23), Duration.ofHours(25));
        assertThat(parse(refused.headers().get("RateLimit-Policy")).get("spend-month"))
                .containsEntry("q", 300L).containsEntry("w", 2_592_000L);
        call(limiter, alice, "0.10").end(10, new BigDecimal("0.10"));

        clock.advance(Duration.ofDays(30));
        assertThat(left(call(limiter, alice, "3"), "spend-month")).isZero();
    }

    @Test
    void bothBudgetsApplyAndEitherRefuses() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "2", "chatroute.limits.spend-per-month", "3");
        Identity alice = newUser();

        Admission first = call(limiter, alice, "1.50");
        assertThat(left(first, "spend-day")).isEqualTo(50);
        assertThat(left(first, "spend-month")).isEqualTo(150);
        first.end(10, new BigDecimal("1.50"));
        clock.advance(Duration.ofDays(1));
        call(limiter, alice, "1.40").end(10, new BigDecimal("1.40")); // the day has room; the month now $0.20

        ApiErrorException refused = refused(() -> call(limiter, alice, "0.50"));
        assertThat(refused.error().code()).isEqualTo("budget_exceeded");
        assertThat(refused.error().message()).contains("per 30 days");
    }

    @Test
    void aCallThatCouldCostMoreThanTheWholeBudgetIsRefusedRatherThanLeftWaiting() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1");
        Identity alice = newUser();

        ApiErrorException refused = refused(() -> call(limiter, alice, "1.000001"));

        assertThat(refused.error().code()).isEqualTo("budget_exceeded");
        assertThat(refused.error().message()).contains("$1.000001", "more than your whole budget of $1.00 per day");
        assertThat(refused.error().retryAfter()).isEqualTo(Duration.ofDays(1));
        assertThat(left(call(limiter, alice, "1"), "spend-day")).isZero();
    }

    @Test
    void aRoleRaisesTheBudget() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1",
                "chatroute.limits.role.finance.spend-per-day", "5",
                "chatroute.limits.role.finance.spend-per-month", "off");

        Admission finance = call(limiter, newUser("finance"), "4");
        assertThat(left(finance, "spend-day")).isEqualTo(100);
        assertThat(refused(() -> call(limiter, newUser(), "4")).error().code()).isEqualTo("budget_exceeded");
        assertThat(refused(() -> call(limiter, newUser("someone-else"), "4")).error().code())
                .isEqualTo("budget_exceeded");
    }

    @Test
    void aCallWithoutAPriceCostsNothingAndNeverTripsABudget() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "0.01");
        Identity alice = newUser();
        call(limiter, alice, "0.01").end(10, new BigDecimal("0.02")); // overspent: the bucket is below zero
        assertThat(refused(() -> call(limiter, alice, "0.000001")).error().code()).isEqualTo("budget_exceeded");

        for (int i = 0; i < 3; i++) {
            Admission free = call(limiter, alice, "0");
            assertThat(left(free, "spend-day")).isZero(); // its headers still show the budget
            free.end(10, BigDecimal.ZERO);
        }
        Admission fresh = call(limiter, newUser(), "0");
        assertThat(parse(fresh.headers().get("RateLimit")).get("spend-day")).containsEntry("r", 1L)
                .containsEntry("t", 0L);
    }

    @Test
    void aBudgetIsEachUsersOwn() {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1");
        call(limiter, newUser(), "1").end(10, BigDecimal.ONE);

        assertThat(left(call(limiter, newUser(), "1"), "spend-day")).isZero();
    }

    @Test
    void fiftyConcurrentCallsNeverReserveMoreThanTheBudget() throws Exception {
        Limiter limiter = limiter("chatroute.limits.spend-per-day", "1.00");
        Identity alice = newUser();
        List<Admission> admitted = new CopyOnWriteArrayList<>();
        List<String> refusals = new CopyOnWriteArrayList<>();
        AtOnce.run(50, () -> {
            try {
                admitted.add(call(limiter, alice, "0.03"));
            } catch (ApiErrorException e) {
                refusals.add(e.error().code());
            }
        });

        assertThat(admitted).hasSize(33); // $0.99; a 34th would overshoot
        assertThat(refusals).hasSize(17).containsOnly("budget_exceeded");
        admitted.forEach(a -> a.end(10, new BigDecimal("0.03"))); // each cost what it reserved
        assertThat(refused(() -> call(limiter, alice, "0.02")).error().code()).isEqualTo("budget_exceeded");
        assertThat(left(call(limiter, alice, "0.01"), "spend-day")).isZero();
    }

    @Test
    void withBudgetsOffTheHeadersShowNoSpendItems() {
        Limiter limiter = limiter("chatroute.limits.tokens-per-day", "1000");

        Admission call = call(limiter, newUser(), "5");

        assertThat(call.headers().get("RateLimit-Policy")).doesNotContain("spend");
        assertThat(call.headers().get("RateLimit")).doesNotContain("spend");
    }
}
