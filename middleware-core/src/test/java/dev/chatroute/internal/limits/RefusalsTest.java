package dev.chatroute.internal.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ApiError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A limit's refusal uses the contract row whose code the limit names in its config and headers. */
class RefusalsTest {

    @ParameterizedTest
    @EnumSource(LimitKind.class)
    void eachLimitIsRefusedWithItsOwnCode(LimitKind kind) {
        ApiError error = Refusals.exhausted(kind, 10, 0, 5, 30, Map.of()).error();
        assertThat(Refusals.row(kind).code()).isEqualTo(kind.code());
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.code()).isEqualTo(kind.code());
        assertThat(error.retryAfterDuration()).contains(Duration.ofSeconds(30));
    }

    /** Spend budgets have no global counterpart (no chatroute.limits.global.spend-* key). */
    @ParameterizedTest
    @EnumSource(value = LimitKind.class, names = {"REQUESTS", "TOKENS", "STREAMS"})
    void eachGlobalLimitIsRefusedWithItsGlobalCode(LimitKind kind) {
        ApiError error = Refusals.exhaustedGlobally(kind, 10, 30, Map.of()).error();
        assertThat(Refusals.globalRow(kind).code()).isEqualTo(kind.globalCode()).isEqualTo("global_" + kind.code());
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.code()).isEqualTo(kind.globalCode());
        assertThat(error.message()).contains("all users together");
        assertThat(error.retryAfterDuration()).contains(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @EnumSource(value = LimitKind.class, names = {"SPEND_DAY", "SPEND_MONTH"})
    void aSpentBudgetIsBudgetExceededWithWhatTheCallCouldCostAndWhatIsLeftInDollars(LimitKind kind) {
        ApiError error = Refusals.exhausted(kind, 5_000_000, 4_200, 1_250_000, 7200, Map.of()).error();

        assertThat(error.code()).isEqualTo("budget_exceeded");
        assertThat(error.message()).isEqualTo("This request could cost up to $1.25 and only $0.0042 of your budget of"
                + " $5.00 " + (kind == LimitKind.SPEND_DAY ? "per day" : "per 30 days") + " is left; try again in 2 hours");
    }

    @Test
    void dollarsKeepEveryMicroDollarAndAtLeastCents() {
        assertThat(Refusals.usd(0)).isEqualTo("$0.00");
        assertThat(Refusals.usd(1)).isEqualTo("$0.000001");
        assertThat(Refusals.usd(2_500_000)).isEqualTo("$2.50");
        assertThat(Refusals.usd(12_345_678)).isEqualTo("$12.345678");
        assertThat(Refusals.usd(1_000_000_000_000L)).isEqualTo("$1000000.00");
    }

    @Test
    void anUncheckableLimitIsA503WithAShortWait() {
        assertThat(Refusals.storeUnavailable().error()).isEqualTo(new ApiError(503, "upstream_unavailable",
                "limits_unavailable", "Usage limits cannot be checked right now; try again shortly", null,
                Duration.ofSeconds(5)));
    }
}
