package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 64 KiB of text built to make a scanner work hard (the largest body the route accepts by default):
 * every detector must stay linear, so each scan takes a fraction of a second. A detector that
 * backtracks or rescans (quadratic in the length) takes minutes on these.
 */
class HostileInputTest {

    private static final int SIZE = 64 * 1024;
    /** Far above a linear scan's time (tens to hundreds of ms) even on a loaded machine, far below a quadratic one's. */
    private static final Duration LIMIT = Duration.ofSeconds(6);
    /** libphonenumber is linear too, with a larger constant: about a second for 64 KiB of digits and one region here. */
    private static final Duration PHONE_LIMIT = Duration.ofSeconds(15);
    private static final Scanner ALL_BUT_PHONES = new Scanner(EnumSet.complementOf(EnumSet.of(PiiType.PHONE)), List.of());
    private static final Scanner PHONES = new Scanner(EnumSet.of(PiiType.PHONE), List.of("US"));

    @ParameterizedTest
    @ValueSource(strings = {"@", "a@", "a.", "a.b@c", "x@example.com ", "1", "1 ", "1-", "4111 ", "(415) ", "+1 ",
        "+4", "12 34 ", "DE89", "DE89 ", "de12 3", "sk-", "sk-a ", "eyJ", "eyJa.", "eyJab.eyJab.", "Bearer ",
        "bearer x", "AKIA", "1.", "1.1.1.", "255.", "1:", "a:", "::", "f:f:f:f:", "123-45-", "1-2-", "[EMAIL_", "ü"})
    void everyDetectorReadsHostileTextInLinearTime(String unit) {
        String text = unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
        assertThat(timeToScan(ALL_BUT_PHONES, text)).as("scanning 64 KiB of '" + unit + "'").isLessThan(LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 ", "(415) ", "+1 ", "1.1.1."})
    void phoneNumbersAreFoundInLinearTimeToo(String unit) {
        String text = unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
        assertThat(timeToScan(PHONES, text)).as("scanning 64 KiB of '" + unit + "'").isLessThan(PHONE_LIMIT);
    }

    private static Duration timeToScan(Scanner scanner, String text) {
        scanner.scan(text.substring(0, 1024)); // the libraries' first use loads their data
        long start = System.nanoTime();
        scanner.scan(text);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aStreamOfHostilePiecesIsRestoredInLinearTime() {
        Restorer restorer = new Restorer(Map.of("[EMAIL_1]", "a@b.de", "[SECRET_123]", "sk-x"));
        String piece = "[SECRET_12";
        long start = System.nanoTime();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < SIZE / piece.length(); i++) {
            shown.append(restorer.next(piece));
        }
        shown.append(restorer.rest());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(shown.length()).isEqualTo(SIZE / piece.length() * piece.length());
        assertThat(took).isLessThan(LIMIT);
    }
}
