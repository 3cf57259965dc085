package dev.chatroute.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.config.ConfigReader;
import dev.chatroute.internal.ledger.LedgerSettings;
import dev.chatroute.testing.LogCapture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chatroute.ledger keys: defaults, and start-up failures that name the key and never the password. */
class LedgerSettingsTest {

    private static final String PASSWORD = "pw-ledger-SECRET-42";

    @Test
    void theLedgerIsOffByDefaultAndKeepsRowsFourHundredDays() {
        LedgerSettings settings = read();

        assertThat(settings.enabled()).isFalse();
        assertThat(read("chatroute.ledger", "jdbc", "chatroute.ledger.jdbc.url", "jdbc:h2:mem:x").retention())
                .isEqualTo(Duration.ofDays(400));
    }

    @Test
    void aUrlWithUserPasswordRetentionInDaysOrHoursAndNoTableCreationIsRead() {
        LedgerSettings settings = read("chatroute.ledger", "jdbc", "chatroute.ledger.jdbc.url", "jdbc:h2:mem:x",
                "chatroute.ledger.jdbc.user", "app", "chatroute.ledger.jdbc.password", PASSWORD,
                "chatroute.ledger.create-table", "false", "chatroute.ledger.retention", "30d");

        assertThat(settings.url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password().reveal()).isEqualTo(PASSWORD);
        assertThat(settings.createTable()).isFalse();
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.toString()).doesNotContain(PASSWORD);
        assertThat(read("chatroute.ledger", "jdbc", "chatroute.ledger.datasource", "java:comp/env/jdbc/x",
                "chatroute.ledger.retention", "12h").retention()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aDatabaseNamedWhileTheLedgerIsOffIsWarnedOfWithoutItsValue() {
        try (LogCapture logs = LogCapture.install()) {
            assertThat(read("chatroute.ledger.jdbc.url", "jdbc:h2:mem:x;PASSWORD=" + PASSWORD).enabled()).isFalse();

            assertThat(logs.all()).contains("chatroute.ledger is off").contains("chatroute.ledger.jdbc.url")
                    .doesNotContain(PASSWORD).doesNotContain("jdbc:h2");
        }
        try (LogCapture logs = LogCapture.install()) {
            read();
            assertThat(logs.all()).doesNotContain("chatroute.ledger is off");
        }
    }

    @Test
    void jdbcWithNeitherUrlNorDataSourceFailsNamingTheUrlKey() {
        assertThatThrownBy(() -> read("chatroute.ledger", "jdbc"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("chatroute.ledger.jdbc.url:")
                .hasMessageContaining("chatroute.ledger.datasource");
    }

    @Test
    void aGatewayWithABadLedgerSettingDoesNotStart() {
        assertThatThrownBy(() -> Chatroute.builder().config(ChatrouteConfig.builder().environment(n -> null)
                .put("chatroute.ledger", "jdbc").put("chatroute.ledger.retention", "1y").build()).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("chatroute.ledger.retention:");
        assertThatThrownBy(() -> Chatroute.builder().config(ChatrouteConfig.builder().environment(n -> null)
                .put("chatroute.ledger", "jdbc").put("chatroute.ledger.jdbc.password", PASSWORD).build()).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("chatroute.ledger.jdbc.url:")
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void bothAUrlAndADataSourceFailNamingTheDataSourceKey() {
        assertThatThrownBy(() -> read("chatroute.ledger", "jdbc", "chatroute.ledger.jdbc.url", "jdbc:h2:mem:x",
                "chatroute.ledger.datasource", "java:comp/env/jdbc/x"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("chatroute.ledger.datasource:");
    }

    @Test
    void anUnknownModeABadRetentionAndANonJdbcUrlFailNamingTheirKeys() {
        assertThatThrownBy(() -> read("chatroute.ledger", "mongo"))
                .hasMessageStartingWith("chatroute.ledger:").hasMessageContaining("jdbc, off");
        for (String retention : new String[] {"forever", "0d", "10m", "-3d"}) {
            assertThatThrownBy(() -> read("chatroute.ledger", "jdbc", "chatroute.ledger.jdbc.url", "jdbc:h2:mem:x",
                    "chatroute.ledger.retention", retention))
                    .as(retention).isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("chatroute.ledger.retention:");
        }
        assertThatThrownBy(() -> read("chatroute.ledger", "jdbc", "chatroute.ledger.jdbc.url",
                "postgres://app:" + PASSWORD + "@db/x"))
                .hasMessageStartingWith("chatroute.ledger.jdbc.url:").message().doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordWithADataSourceIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> read("chatroute.ledger", "jdbc", "chatroute.ledger.datasource", "java:comp/env/jdbc/x",
                "chatroute.ledger.jdbc.password", PASSWORD))
                .hasMessageStartingWith("chatroute.ledger.jdbc.password:").message().doesNotContain(PASSWORD);
    }

    @Test
    void theLedgerPasswordAppearsInNoLogLineNorMessageWhenTheDatabaseRefusesIt() throws Exception {
        String url = "jdbc:h2:mem:secret-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        // The database exists with another password: the ledger's login is refused.
        try (var owner = java.sql.DriverManager.getConnection(url, "app", "the-right-one")) {
            try (LogCapture logs = LogCapture.install();
                 Chatroute gateway = Chatroute.builder().config(ChatrouteConfig.builder().environment(n -> null)
                         .put("chatroute.models.default", "demo/chatroute-demo")
                         .put("chatroute.providers.demo.type", "demo")
                         .put("chatroute.ledger", "jdbc").put("chatroute.ledger.jdbc.url", url)
                         .put("chatroute.ledger.jdbc.user", "app")
                         .put("chatroute.ledger.jdbc.password", PASSWORD).build()).build()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> logs.all().contains("does not answer"));
                assertThat(gateway.health().ledger()).isEqualTo("down");
                assertThatThrownBy(() -> gateway.usage(java.time.Instant.EPOCH, java.time.Instant.now()))
                        .isInstanceOf(IllegalStateException.class).message().doesNotContain(PASSWORD);
                assertThat(gateway.health().toJson()).doesNotContain(PASSWORD);
                assertThat(logs.all()).doesNotContain(PASSWORD);
            }
        }
    }

    private static LedgerSettings read(String... keysAndValues) {
        ChatrouteConfig.Builder config = ChatrouteConfig.builder().environment(n -> null);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return LedgerSettings.read(new ConfigReader(config.build()));
    }
}
