package dev.chatroute.internal.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * USD amounts as the whole micro-dollars spend buckets count. Always rounded up: a reservation or a
 * charge a fraction of a micro-dollar too large costs a user nothing they would notice, while one
 * too small, repeated over many calls, would let spend overshoot the budget.
 */
final class UsdMicros {

    /** Far beyond any budget (at most a million dollars), and far from overflowing a bucket. */
    private static final BigDecimal MOST = BigDecimal.valueOf(Long.MAX_VALUE / 4);

    private UsdMicros() {
    }

    /** {@code usd} in micro-dollars, rounded up; 0 for null or a negative amount. */
    static long ceil(BigDecimal usd) {
        if (usd == null || usd.signum() <= 0) {
            return 0;
        }
        BigDecimal micros = usd.movePointRight(6).setScale(0, RoundingMode.CEILING);
        return micros.compareTo(MOST) > 0 ? MOST.longValue() : micros.longValue();
    }
}
