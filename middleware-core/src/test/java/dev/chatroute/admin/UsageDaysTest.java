package dev.chatroute.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.admin.UsageDays;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A usage page's ?days=N: 1 to 400 whole UTC days, today included, 7 when absent. */
class UsageDaysTest {

    @Test
    void absentIsSevenAndTheLimitsAreAccepted() {
        assertThat(UsageDays.parse(null)).isEqualTo(7);
        assertThat(UsageDays.parse("1")).isEqualTo(1);
        assertThat(UsageDays.parse("400")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "401", "999999"})
    void outsideOneTo400IsOutOfRange(String days) {
        assertThatThrownBy(() -> UsageDays.parse(days)).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.error().type()).isEqualTo("invalid_request_error");
            assertThat(e.error().code()).isEqualTo("parameter_out_of_range");
            assertThat(e.error().param()).isEqualTo("days");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "seven", "-3", "7.5", "1e3", "12345678901234567890"})
    void anythingButAWholeNumberIsInvalid(String days) {
        assertThatThrownBy(() -> UsageDays.parse(days)).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.error().code()).isEqualTo("invalid_parameter");
        });
    }

    @Test
    void thePeriodIsWholeUtcDaysEndingTomorrow() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T23:30:00Z"), ZoneId.of("Pacific/Auckland"));

        UsageDays.Period period = UsageDays.period(3, clock);

        assertThat(period.from()).isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
    }
}
