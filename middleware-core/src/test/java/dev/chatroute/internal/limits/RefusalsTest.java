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

    @ParameterizedTest
    @EnumSource(LimitKind.class)
    void eachGlobalLimitIsRefusedWithItsGlobalCode(LimitKind kind) {
        ApiError error = Refusals.exhaustedGlobally(kind, 10, 30, Map.of()).error();
        assertThat(Refusals.globalRow(kind).code()).isEqualTo(kind.globalCode()).isEqualTo("global_" + kind.code());
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.code()).isEqualTo(kind.globalCode());
        assertThat(error.message()).contains("all users together");
        assertThat(error.retryAfterDuration()).contains(Duration.ofSeconds(30));
    }

    @Test
    void anUncheckableLimitIsA503WithAShortWait() {
        assertThat(Refusals.storeUnavailable().error()).isEqualTo(new ApiError(503, "upstream_unavailable",
                "limits_unavailable", "Usage limits cannot be checked right now; try again shortly", null,
                Duration.ofSeconds(5)));
    }
}
