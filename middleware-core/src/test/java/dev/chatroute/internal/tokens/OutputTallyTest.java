package dev.chatroute.internal.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The running count of an answer matches counting it whole, and the answer is cut exactly at the cap. */
class OutputTallyTest {

    private static final TokenCounter TOKENS = new TokenCounter();
    private static final String TEXT = "The quick brown fox, who was not at all lazy, jumped over the dog. "
            + "Then it said: \"Hello,   world!\"\nNew line\n\n  and    spaces; caf\u00e9 \uD83D\uDE00 numbers 12345 67.";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 40})
    void piecesOfAnyLengthAddUpToTheWholeCount(int pieceLength) {
        OutputTally tally = TOKENS.tally(Long.MAX_VALUE);

        for (String piece : split(TEXT, pieceLength)) {
            assertThat(tally.add(piece)).isEqualTo(piece);
        }

        assertThat(tally.tokens()).isEqualTo(TOKENS.count(TEXT));
        assertThat(tally.full()).isFalse();
    }

    @Test
    void randomPiecesAddUpToTheWholeCountToo() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            OutputTally tally = TOKENS.tally(Long.MAX_VALUE);
            int at = 0;
            while (at < TEXT.length()) {
                int end = Math.min(TEXT.length(), at + 1 + random.nextInt(12));
                if (end < TEXT.length() && Character.isLowSurrogate(TEXT.charAt(end))) {
                    end++;
                }
                tally.add(TEXT.substring(at, end));
                at = end;
            }
            assertThat(tally.tokens()).isEqualTo(TOKENS.count(TEXT));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 30})
    void theAnswerIsCutWhereItReachesTheCap(int cap) {
        OutputTally tally = TOKENS.tally(cap);
        StringBuilder kept = new StringBuilder();

        for (String piece : split(TEXT, 3)) {
            kept.append(tally.add(piece));
        }

        assertThat(tally.full()).isTrue();
        assertThat(TEXT).startsWith(kept.toString());
        assertThat(TOKENS.count(kept.toString())).isEqualTo(cap);
        assertThat(tally.tokens()).isEqualTo(cap);
        assertThat(tally.add("more")).isEmpty();
    }

    @Test
    void aTextWithoutWhitespaceIsStillCountedAsItArrives() {
        String cjk = "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8".repeat(200);
        OutputTally tally = TOKENS.tally(Long.MAX_VALUE);

        for (String piece : split(cjk, 2)) {
            tally.add(piece);
        }

        assertThat((double) tally.tokens()).isCloseTo(TOKENS.count(cjk), org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void ofAHugePieceWithoutSpacesOnlyTheStartThatCanFitIsTokenized() {
        String huge = "ab".repeat(4 << 20); // 8 MiB in one pretoken: about 13 s to count whole, and again to cut
        OutputTally tally = TOKENS.tally(16);
        long start = System.nanoTime();

        String kept = tally.add(huge);

        assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
        assertThat(huge).startsWith(kept);
        assertThat(TOKENS.count(kept)).isEqualTo(16);
        assertThat(tally.full()).isTrue();
        assertThat(tally.tokens()).isEqualTo(16);
    }

    @Test
    void aMillionPiecesCostLinearTime() {
        OutputTally tally = TOKENS.tally(Long.MAX_VALUE);
        long start = System.nanoTime();

        for (int i = 0; i < 1_000_000; i++) {
            tally.add(i % 7 == 0 ? " w" : "o");
        }

        // Counting the whole text again per piece would take hours; as it arrives, well under a minute.
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
        assertThat(tally.tokens()).isPositive();
    }

    private static List<String> split(String text, int length) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + length);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(at, end));
            at = end;
        }
        return pieces;
    }
}
