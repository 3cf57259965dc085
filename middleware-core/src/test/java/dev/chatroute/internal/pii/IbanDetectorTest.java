package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static dev.chatroute.internal.pii.Scans.keys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IbanDetectorTest {

    @Test
    void findsGermanFrenchAndBritishIbansWithAndWithoutSpaces() {
        assertThat(found("Überweisung an DE89 3704 0044 0532 0130 00 bitte bis Freitag"))
                .containsExactly("IBAN DE89 3704 0044 0532 0130 00");
        assertThat(found("IBAN: DE89370400440532013000.")).containsExactly("IBAN DE89370400440532013000");
        assertThat(found("Virement sur FR14 2004 1010 0505 0001 3M02 606 merci"))
                .containsExactly("IBAN FR14 2004 1010 0505 0001 3M02 606");
        assertThat(found("FR1420041010050500013M02606")).containsExactly("IBAN FR1420041010050500013M02606");
        assertThat(found("Pay GB29 NWBK 6016 1331 9268 19 BIC NWBKGB2L"))
                .containsExactly("IBAN GB29 NWBK 6016 1331 9268 19");
        assertThat(found("口座：GB29NWBK60161331926819へ")).containsExactly("IBAN GB29NWBK60161331926819");
    }

    @Test
    void theSameIbanWithOrWithoutSpacesIsOneValue() {
        assertThat(keys("DE89 3704 0044 0532 0130 00 / de89370400440532013000")).containsExactly(
                "IBAN DE89370400440532013000", "IBAN DE89370400440532013000");
    }

    @Test
    void leavesAloneWhatFailsTheChecksum() {
        assertThat(found("DE89 3704 0044 0532 0130 01")).isEmpty();
        assertThat(found("GB29 NWBK 6016 1331 9268 18")).isEmpty();
        assertThat(found("XX12 3456 7890 1234 5678")).isEmpty();
    }
}
