package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestorerTest {

    private static final Map<String, String> ORIGINALS = new LinkedHashMap<>();

    static {
        ORIGINALS.put("[EMAIL_1]", "anna@example.de");
        ORIGINALS.put("[PHONE_1]", "(415) 555-0132");
        ORIGINALS.put("[SECRET_12]", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t");
    }

    private static final String ANSWER = "Schreiben Sie an [EMAIL_1] oder rufen Sie [PHONE_1] an; [SECRET_12] bleibt "
            + "geheim, [EMAIL_9] gibt es nicht, [EMAIL_1][PHONE_1] und [ am Ende [EMAIL_";
    private static final String RESTORED = "Schreiben Sie an anna@example.de oder rufen Sie (415) 555-0132 an; "
            + "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t bleibt geheim, [EMAIL_9] gibt es nicht, "
            + "anna@example.de(415) 555-0132 und [ am Ende [EMAIL_";

    @Test
    void aWholeAnswerGetsItsOriginalsBack() {
        assertThat(new Restorer(ORIGINALS).whole(ANSWER)).isEqualTo(RESTORED);
    }

    @Test
    void aStreamSplitAtAnyPointInTwoShowsTheSameText() {
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            assertThat(stream(ANSWER.substring(0, cut), ANSWER.substring(cut))).as("split at " + cut).isEqualTo(RESTORED);
        }
    }

    @Test
    void aStreamOfSingleCharactersShowsTheSameTextAndNeverAPlaceholder() {
        Restorer restorer = new Restorer(ORIGINALS);
        StringBuilder shown = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < ANSWER.length(); i++) {
            String piece = restorer.next(ANSWER.substring(i, i + 1));
            pieces.add(piece);
            shown.append(piece);
        }
        shown.append(restorer.rest());

        assertThat(shown.toString()).isEqualTo(RESTORED);
        assertThat(pieces).noneMatch(p -> p.contains("[EMAIL_1]") || p.contains("[PHONE_1") || p.contains("SECRET_1"));
    }

    @Test
    void onlyWhatCouldStillBeAnIssuedPlaceholderIsHeldBack() {
        Restorer restorer = new Restorer(ORIGINALS);

        assertThat(restorer.next("Write to [EM")).isEqualTo("Write to ");
        assertThat(restorer.next("AIL_9] or [X")).as("no such placeholder: given at once").isEqualTo("[EMAIL_9] or [X");
        assertThat(restorer.next("[SECRET_1")).as("could be [SECRET_12]").isEmpty();
        assertThat(restorer.next("3]")).isEqualTo("[SECRET_13]");
        assertThat(restorer.next("[PHONE_")).isEmpty();
        assertThat(restorer.rest()).as("the stream ended: what was held is shown").isEqualTo("[PHONE_");
        assertThat(restorer.rest()).isEmpty();
    }

    @Test
    void theHoldBackIsBoundedByTheLongestPlaceholder() {
        Restorer restorer = new Restorer(ORIGINALS);
        for (String piece : List.of("[", "S", "E", "C", "R", "E", "T", "_", "1")) {
            restorer.next(piece);
        }
        assertThat(restorer.rest()).hasSizeLessThan("[SECRET_12]".length());
    }

    @Test
    void withNothingToRestoreEveryPieceIsShownAsItIs() {
        assertThat(Restorer.NONE.next("[EMAIL_")).isEqualTo("[EMAIL_");
        assertThat(Restorer.NONE.whole("[EMAIL_1]")).isEqualTo("[EMAIL_1]");
        assertThat(Restorer.NONE.rest()).isEmpty();
    }

    /** Every three-way split of a placeholder gives the original. */
    @Test
    void aPlaceholderSplitAcrossThreePiecesIsRestored() {
        String text = "a[SECRET_12]b";
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                assertThat(stream(text.substring(0, i), text.substring(i, j), text.substring(j)))
                        .as("split at " + i + ", " + j).isEqualTo("ask-proj-Ab3dEf6hIj9kLm2nOp5qRs8tb");
            }
        }
    }

    private static String stream(String... pieces) {
        Restorer restorer = new Restorer(ORIGINALS);
        StringBuilder shown = new StringBuilder();
        for (String piece : pieces) {
            shown.append(restorer.next(piece));
        }
        return shown.append(restorer.rest()).toString();
    }
}
