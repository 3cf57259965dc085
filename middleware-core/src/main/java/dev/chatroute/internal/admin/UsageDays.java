package dev.chatroute.internal.admin;

import dev.chatroute.internal.errors.ContractError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A usage page's {@code ?days=N}: the last N whole UTC days, today included (so a report's days line
 * up with its per-day rows), default 7, at most 400 (the ledger's default retention).
 */
public final class UsageDays {

    public static final int DEFAULT = 7;
    public static final int MAX = 400;
    private static final String PARAM = "days";

    /** From the start of the first day (inclusive) to the start of tomorrow (exclusive), UTC. */
    public record Period(Instant from, Instant to) {
    }

    private UsageDays() {
    }

    /**
     * @param text the parameter as sent, or null when absent
     * @throws dev.chatroute.ApiErrorException 400 {@code invalid_parameter} for anything but digits,
     *     {@code parameter_out_of_range} outside 1..400
     */
    public static int parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ContractError.INVALID_PARAMETER.error("days must be a whole number of days", PARAM).toException();
        }
        int days = Integer.parseInt(t);
        if (days < 1 || days > MAX) {
            throw ContractError.PARAMETER_OUT_OF_RANGE.error("days must be from 1 to " + MAX, PARAM).toException();
        }
        return days;
    }

    public static Period period(int days, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new Period(today.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
