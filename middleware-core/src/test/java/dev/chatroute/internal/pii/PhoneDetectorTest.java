package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static dev.chatroute.internal.pii.Scans.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.InvalidConfigException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {

    @Test
    void findsUsNationalNumbersAndInternationalOnes() {
        assertThat(found("Call me at (415) 555-0132 after five.")).containsExactly("PHONE (415) 555-0132");
        assertThat(found("Office: 415.555.0132, cell 415-555-0199")).containsExactly("PHONE 415.555.0132",
                "PHONE 415-555-0199");
        assertThat(found("Ring +44 20 7946 0958 in London")).containsExactly("PHONE +44 20 7946 0958");
        assertThat(found("Rufen Sie uns an: +49 30 901820.")).containsExactly("PHONE +49 30 901820");
        assertThat(found("Appelez le +33 1 42 68 53 00 s'il vous plaît")).containsExactly("PHONE +33 1 42 68 53 00");
        assertThat(found("Llámame al +34 912 34 56 78 mañana")).containsExactly("PHONE +34 912 34 56 78");
        assertThat(found("お電話は+81 3-1234-5678までお願いします")).containsExactly("PHONE +81 3-1234-5678");
    }

    @Test
    void aNumberWrittenTwoWaysIsOneValue() {
        assertThat(keys("(415) 555-0132 or +1 415 555 0132"))
                .containsExactly("PHONE +14155550132", "PHONE +14155550132");
    }

    @Test
    void nationalFormatsCountOnlyForTheConfiguredRegions() {
        String german = "Rufen Sie 030 901820 an";
        assertThat(found(german)).as("US only").isEmpty();
        Scanner germany = new Scanner(Set.of(PiiType.PHONE), List.of("DE", "FR"));
        assertThat(Scans.found(germany, german)).containsExactly("PHONE 030 901820");
        assertThat(Scans.found(germany, "Appelez le 01 42 68 53 00")).containsExactly("PHONE 01 42 68 53 00");
        assertThat(Scans.found(germany, "Call (415) 555-0132")).as("not a DE or FR number").isEmpty();
    }

    @Test
    void leavesAloneNumbersThatAreNotPhones() {
        assertThat(found("Version 1.2.3, build 20240117, 3 items for 12.50")).isEmpty();
        assertThat(found("+1 555 0000")).isEmpty();
    }

    @Test
    void anUnknownRegionFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new Scanner(Set.of(PiiType.PHONE), List.of("US", "QQ")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.pii.phone-regions")
                .hasMessageContaining("'QQ'");
    }
}
