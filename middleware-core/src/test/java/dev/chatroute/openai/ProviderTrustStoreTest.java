package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.Chatroute;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.testing.FakeConfig;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import dev.chatroute.testing.TestTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chatroute.providers.<name>.truststore}: a provider whose certificate the JVM does not trust
 * (an in-house CA, here a self-signed one) is reached over TLS when its trust store is given; without
 * it the handshake fails; a store that cannot be read fails start-up, never showing its password.
 */
class ProviderTrustStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String P = "chatroute.providers.f.";

    private final TestTls tls = TestTls.get();
    private final FakeProvider fake = FakeProvider.startTls(tls.serverContext());
    private Chatroute chatroute;

    @AfterEach
    void close() {
        if (chatroute != null) {
            chatroute.close();
        }
        fake.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void withItsTrustStoreTheProviderIsReachedOverTls(String type) {
        RecordingChannel answer = call(P + "truststore=" + tls.trustStore(type),
                P + "truststore-password=" + TestTls.TRUST_PASSWORD);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(fake.lastCall().header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
    }

    @Test
    void aStoreWhoseCertificatesNeedThePasswordFailsStartUpWithoutIt() {
        assertThatThrownBy(() -> call(P + "truststore=" + tls.trustStore("PKCS12")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("holds no certificates").hasMessageContaining(P + "truststore-password");
    }

    @Test
    void withoutItTheJvmsTrustStoreRefusesTheCertificate() {
        RecordingChannel answer = call();

        assertThat(answer.status()).isNotEqualTo(200);
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void aWrongPasswordFailsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> call(P + "truststore=" + tls.trustStore("JKS"),
                P + "truststore-password=wrong-SECRET-8"))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(P + "truststore"))
                .message().doesNotContain("wrong-SECRET-8").contains(tls.trustStore("JKS").toString());
    }

    @Test
    void aMissingFileFailsStartUpNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> call(P + "truststore=" + dir.resolve("none.p12")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(P + "truststore").hasMessageContaining("none.p12");
    }

    @Test
    void aFileThatIsNoStoreFailsStartUp(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("trust.p12"), "not a key store");

        assertThatThrownBy(() -> call(P + "truststore=" + file, P + "truststore-password=x"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(P + "truststore");
    }

    @Test
    void aPasswordWithoutAStoreFails() {
        assertThatThrownBy(() -> call(P + "truststore-password=" + TestTls.TRUST_PASSWORD))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(P + "truststore-password"))
                .message().doesNotContain(TestTls.TRUST_PASSWORD);
    }

    private RecordingChannel call(String... settings) {
        chatroute = Chatroute.create(FakeConfig.settings(FakeConfig.provider(FakeConfig.config(), "f", fake)
                .put(P + "api-key", FakeGateway.API_KEY)
                .put("chatroute.models.default", "f/m")
                .put("chatroute.timeouts.connect", "2s")
                .put("chatroute.timeouts.total", "5s")
                .put("chatroute.retry.max-attempts", "1"), settings).build());
        RecordingChannel channel = new RecordingChannel();
        chatroute.serve(TestCall.post(ask("Hi", false)), channel);
        return channel.await(WAIT);
    }
}
