package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static Redactor redactor(String... texts) {
        return new Redactor(Scans.ALL, List.of(texts));
    }

    @Test
    void numbersPlaceholdersPerTypeInOrderOfFirstAppearance() {
        Redactor r = redactor();

        String redacted = r.redact("Mail anna@example.de or (415) 555-0132, cc ben@example.fr, card 4111 1111 1111 1111.");

        assertThat(redacted).isEqualTo("Mail [EMAIL_1] or [PHONE_1], cc [EMAIL_2], card [CARD_1].");
        assertThat(r.originals()).containsExactly(entry("[EMAIL_1]", "anna@example.de"),
                entry("[PHONE_1]", "(415) 555-0132"), entry("[EMAIL_2]", "ben@example.fr"),
                entry("[CARD_1]", "4111 1111 1111 1111"));
        assertThat(r.counts()).containsExactly(entry("email", 2), entry("card", 1), entry("phone", 1));
    }

    @Test
    void theSameValueGetsTheSamePlaceholderInEveryMessageOfTheCall() {
        Redactor r = redactor();

        assertThat(r.redact("I am Anna@Example.de, +1 415 555 0132")).isEqualTo("I am [EMAIL_1], [PHONE_1]");
        assertThat(r.redact("Reply to anna@example.de at (415) 555-0132")).isEqualTo("Reply to [EMAIL_1] at [PHONE_1]");
        assertThat(r.counts()).as("every finding counts").containsExactly(entry("email", 2), entry("phone", 2));
        assertThat(r.originals()).as("restored as first written").containsEntry("[EMAIL_1]", "Anna@Example.de");
    }

    @Test
    void placeholdersAlreadyInTheHistoryAreNotReused() {
        String history = "I sent it to [EMAIL_1] as you asked.";
        Redactor r = redactor(history, "Now write to carl@example.com");

        assertThat(r.redact(history)).isEqualTo(history);
        assertThat(r.redact("Now write to carl@example.com")).isEqualTo("Now write to [EMAIL_2]");
        assertThat(r.originals()).containsOnlyKeys("[EMAIL_2]");
    }

    @Test
    void textWithoutFindingsIsLeftAsItIs() {
        Redactor r = redactor();

        assertThat(r.redact("Wie spät ist es in Tokio? 東京は何時ですか")).isEqualTo("Wie spät ist es in Tokio? 東京は何時ですか");
        assertThat(r.counts()).isEmpty();
    }
}
