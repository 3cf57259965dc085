package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static dev.chatroute.internal.pii.Scans.keys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardDetectorTest {

    @Test
    void findsVisaMastercardAndAmexTestNumbersAsPeopleWriteThem() {
        assertThat(found("Meine Karte: 4111 1111 1111 1111, gültig bis 12/27")).containsExactly(
                "CARD 4111 1111 1111 1111");
        assertThat(found("Carte 5555-5555-5555-4444 ou 2223003122003222.")).containsExactly(
                "CARD 5555-5555-5555-4444", "CARD 2223003122003222");
        assertThat(found("Amex: 3782 822463 10005; otra: 371449635398431")).containsExactly(
                "CARD 3782 822463 10005", "CARD 371449635398431");
        assertThat(found("カード番号は4012888888881881です")).containsExactly("CARD 4012888888881881");
    }

    @Test
    void aCardFollowedByItsSecurityCodeIsStillFound() {
        assertThat(found("card 4111 1111 1111 1111 123")).containsExactly("CARD 4111 1111 1111 1111");
    }

    @Test
    void theSameCardWithOtherSpacingIsOneValue() {
        assertThat(keys("4111-1111-1111-1111 = 4111111111111111"))
                .containsExactly("CARD 4111111111111111", "CARD 4111111111111111");
    }

    @Test
    void leavesAloneNumbersThatFailLuhnOrAreTooLong() {
        assertThat(found("4111 1111 1111 1112")).as("Luhn fails").isEmpty();
        assertThat(found("41111111111111110000")).as("20 digits written together").isEmpty();
        assertThat(found("Order A4111111111111111")).as("inside a word").isEmpty();
        assertThat(found("1234 5678 9012 3456")).isEmpty();
    }
}
