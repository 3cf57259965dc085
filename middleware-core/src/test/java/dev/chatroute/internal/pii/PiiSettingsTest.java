package dev.chatroute.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiSettingsTest {

    private static PiiSettings read(String... keysAndValues) {
        ChatrouteConfig.Builder config = ChatrouteConfig.builder().environment(name -> null);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return PiiSettings.read(new ConfigReader(config.build()));
    }

    @Test
    void offByDefaultWithTheDefaultTypesAndUsPhones() {
        PiiSettings settings = read();

        assertThat(settings.mode()).isEqualTo(PiiSettings.Mode.OFF);
        assertThat(settings.active()).isFalse();
        assertThat(settings.types()).containsExactlyInAnyOrder(PiiType.EMAIL, PiiType.PHONE, PiiType.CARD,
                PiiType.IBAN, PiiType.SECRET);
        assertThat(settings.restore()).isFalse();
        assertThat(settings.phoneRegions()).containsExactly("US");
    }

    @Test
    void readsEveryKey() {
        PiiSettings settings = read("chatroute.pii.mode", "redact", "chatroute.pii.types", " IP, ssn,email ",
                "chatroute.pii.restore", "true", "chatroute.pii.phone-regions", "de, FR,de");

        assertThat(settings.mode()).isEqualTo(PiiSettings.Mode.REDACT);
        assertThat(settings.types()).containsExactlyInAnyOrder(PiiType.IP, PiiType.SSN, PiiType.EMAIL);
        assertThat(settings.restore()).isTrue();
        assertThat(settings.phoneRegions()).isEqualTo(List.of("DE", "FR"));
        assertThat(read("chatroute.pii.mode", "refuse").mode()).isEqualTo(PiiSettings.Mode.REFUSE);
    }

    @Test
    void aBadValueFailsStartUpNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> read("chatroute.pii.mode", "mask")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.pii.mode").hasMessageContaining("'mask'");
        assertThatThrownBy(() -> read("chatroute.pii.types", "email, passport"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.pii.types")
                .hasMessageContaining("'passport'");
        assertThatThrownBy(() -> read("chatroute.pii.restore", "yes"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.pii.restore");
        assertThatThrownBy(() -> read("chatroute.pii.phone-regions", "USA"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.pii.phone-regions")
                .hasMessageContaining("'USA'");
    }
}
