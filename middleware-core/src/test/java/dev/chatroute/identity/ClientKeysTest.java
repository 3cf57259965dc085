package dev.chatroute.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.ChatrouteConfig;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.identity.AnonymousIdentity;
import dev.chatroute.internal.identity.ClientKeyIdentity;
import dev.chatroute.internal.identity.ClientKeys;
import dev.chatroute.internal.identity.TrustedProxies;
import dev.chatroute.spi.Identity;
import dev.chatroute.spi.IdentityResolver;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.TestCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

    static final String REPORTS_KEY = "ck-reports-SECRET-1";
    static final String BATCH_KEY = "ck-batch-SECRET-2";

    final IdentityResolver mode = new AnonymousIdentity(TrustedProxies.parse("k", "loopback"));

    static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    static ChatrouteConfig config(String... settings) {
        return FakeConfig.settings(FakeConfig.config(), settings).build();
    }

    IdentityResolver resolver() throws Exception {
        return ClientKeyIdentity.wrap(ClientKeys.read(config(
                "chatroute.clients.reports.key-sha256=" + sha256(REPORTS_KEY),
                "chatroute.clients.reports.roles=staff, reporting",
                "chatroute.clients.batch.key-sha256=" + sha256(BATCH_KEY).toUpperCase())), mode);
    }

    static TestCall bearer(String key) {
        return TestCall.post("{}").principal(null).from("10.0.0.7").header("Authorization", "Bearer " + key);
    }

    @Test
    void aMatchingKeyIdentifiesTheClientWithItsRoles() throws Exception {
        Identity who = resolver().resolve(bearer(REPORTS_KEY), Set.of());

        assertThat(who.user()).isEqualTo("client:reports");
        assertThat(who.roles()).containsExactlyInAnyOrder("staff", "reporting");
        assertThat(resolver().resolve(bearer(BATCH_KEY), Set.of()).user()).as("upper-case hex").isEqualTo("client:batch");
        assertThat(resolver().resolve(TestCall.post("{}").principal(null).header("Authorization", "bearer  " + BATCH_KEY), Set.of())
                .user()).as("scheme ignores case").isEqualTo("client:batch");
    }

    @Test
    void aBearerThatMatchesNothingFallsBackToTheMode() throws Exception {
        assertThat(resolver().resolve(bearer("some-sso-token"), Set.of()).user()).isEqualTo("anon:10.0.0.7");
        assertThat(resolver().resolve(TestCall.post("{}").principal(null).from("10.0.0.7"), Set.of()).user()).isEqualTo("anon:10.0.0.7");
        TestCall twice = bearer(REPORTS_KEY).addHeader("Authorization", "Bearer " + REPORTS_KEY);
        assertThat(resolver().resolve(twice, Set.of()).user()).as("two Authorization lines").isEqualTo("anon:10.0.0.7");
    }

    @Test
    void aContainerPrincipalWinsOverAClientKey() throws Exception {
        Identity who = resolver().resolve(bearer(REPORTS_KEY).principal("alice", "vip"), Set.of("vip"));

        assertThat(who.user()).isEqualTo("alice");
        assertThat(who.roles()).containsExactly("vip");
    }

    @Test
    void withoutClientKeysTheModeIsUsedAsItIs() {
        assertThat(ClientKeyIdentity.wrap(ClientKeys.read(config()), mode)).isSameAs(mode);
    }

    @Test
    void aBadHashFailsNamingTheKeyNotTheValue() {
        String bad = "zz" + "ab-SECRET".repeat(6);
        assertThatThrownBy(() -> ClientKeys.read(config("chatroute.clients.reports.key-sha256=" + bad)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.clients.reports.key-sha256").hasMessageNotContaining(bad);
        assertThatThrownBy(() -> ClientKeys.read(config("chatroute.clients.reports.key-sha256=abc123")))
                .hasMessageContaining("64 hex digits").hasMessageNotContaining("abc123");
        assertThatThrownBy(() -> ClientKeys.read(config("chatroute.clients.reports.roles=staff")))
                .hasMessageContaining("chatroute.clients.reports.key-sha256");
    }

    @Test
    void theGatewayRefusesToStartWithABadHash() {
        String bad = "not-a-hash-SECRET";
        assertThatThrownBy(() -> dev.chatroute.Chatroute.create(config("chatroute.clients.reports.key-sha256=" + bad)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.clients.reports.key-sha256").hasMessageNotContaining(bad);
    }

    @Test
    void twoClientsWithTheSameHashFail() throws Exception {
        String hash = sha256(REPORTS_KEY);
        assertThatThrownBy(() -> ClientKeys.read(config("chatroute.clients.a.key-sha256=" + hash,
                "chatroute.clients.b.key-sha256=" + hash.toUpperCase())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.clients.b.key-sha256").hasMessageContaining("client a")
                .hasMessageNotContaining(hash).hasMessageNotContaining(hash.toUpperCase());
    }
}
