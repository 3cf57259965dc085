package dev.chatroute.internal.pii;

import static dev.chatroute.internal.pii.Scans.found;
import static dev.chatroute.internal.pii.Scans.keys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailDetectorTest {

    @Test
    void findsAddressesInTextOfSeveralLanguages() {
        assertThat(found("Bitte schreiben Sie an hans.mueller@example.de, danke."))
                .containsExactly("EMAIL hans.mueller@example.de");
        assertThat(found("Écrivez-moi à marie.dupont@exemple.fr."))
                .containsExactly("EMAIL marie.dupont@exemple.fr");
        assertThat(found("Mi correo es juan_perez+ofertas@correo.es y no otro."))
                .containsExactly("EMAIL juan_perez+ofertas@correo.es");
        assertThat(found("連絡先はtaro.yamada@example.co.jpです。"))
                .containsExactly("EMAIL taro.yamada@example.co.jp");
        assertThat(found("<a href=\"mailto:Support@Shop.example.com\">"))
                .containsExactly("EMAIL Support@Shop.example.com");
    }

    @Test
    void aLocalPartWithAccentedLettersIsTakenWhole() {
        assertThat(found("Kontakt: hans.müller@example.de")).containsExactly("EMAIL hans.müller@example.de");
        assertThat(found("Écrire à françois@exemple.fr")).containsExactly("EMAIL françois@exemple.fr");
    }

    @Test
    void theSameAddressInOtherCaseIsTheSameValue() {
        assertThat(keys("Bob@Example.COM or bob@example.com"))
                .containsExactly("EMAIL bob@example.com", "EMAIL bob@example.com");
    }

    @Test
    void leavesAloneWhatIsNotAnAddress() {
        assertThat(found("user@localhost, @handle, a@b, me@example.notatld, 50 @ 3% and x@@y.com")).isEmpty();
        assertThat(found("Twitter: @chatroute; price@10")).isEmpty();
    }
}
