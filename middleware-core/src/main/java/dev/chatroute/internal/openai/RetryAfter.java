package dev.chatroute.internal.openai;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a provider asks us to wait: {@code retry-after-ms}, then {@code Retry-After}. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Duration from(HttpHeaders headers) {
        Duration ms = headers.firstValue("retry-after-ms").map(RetryAfter::millis).orElse(null);
        if (ms != null) {
            return ms;
        }
        return headers.firstValue("retry-after").map(RetryAfter::secondsOrDate).orElse(null);
    }

    private static Duration millis(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            return ms >= 0 ? Duration.ofMillis((long) ms) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration secondsOrDate(String value) {
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
