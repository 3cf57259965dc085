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
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chatroute.providers.<name>.proxy}: calls go through the named HTTP proxy, or the JVM's proxy
 * settings when unset, or straight to the provider with {@code off}. The fake provider stands in for
 * the proxy: a proxy is sent the absolute-form target ({@code POST http://host/v1/chat/completions}),
 * which it records; the provider's host does not exist, so only a call through the proxy can answer.
 */
class ProviderProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String P = "chatroute.providers.f.";
    private static final String UNREACHABLE = "http://upstream.invalid/v1";

    private final FakeProvider proxy = FakeProvider.start();
    private final String proxyAddress = "127.0.0.1:" + proxy.baseUrl().getPort();
    private Chatroute chatroute;

    @AfterEach
    void close() {
        System.clearProperty("http.proxyHost");
        System.clearProperty("http.proxyPort");
        if (chatroute != null) {
            chatroute.close();
        }
        proxy.close();
    }

    @Test
    void aProviderWithAProxyIsCalledThroughIt() {
        RecordingChannel answer = call(P + "proxy=" + proxyAddress);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(proxy.lastCall().path).isEqualTo(UNREACHABLE + "/chat/completions");
        assertThat(proxy.lastCall().header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
    }

    @Test
    void unsetTheJvmsProxySettingsApply() {
        jvmProxy();

        RecordingChannel answer = call();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(proxy.lastCall().path).isEqualTo(UNREACHABLE + "/chat/completions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "NONE"})
    void offConnectsDirectlyDespiteTheJvmsProxy(String off) {
        jvmProxy();

        RecordingChannel answer = call(P + "proxy=" + off);

        assertThat(answer.status()).isNotEqualTo(200);
        assertThat(proxy.callCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "http://proxy.example.com:3128", "proxy.example.com:0",
        "proxy.example.com:70000", "proxy example:3128", ":3128", "[::1:3128"})
    void aBadProxyFailsStartUpNamingKeyAndValue(String value) {
        assertThatThrownBy(() -> call(P + "proxy=" + value))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(P + "proxy")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void aProxyWithCredentialsFailsWithoutShowingThem() {
        assertThatThrownBy(() -> call(P + "proxy=user:pw-SECRET-3@proxy.example.com:3128"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(P + "proxy")
                .message().doesNotContain("pw-SECRET-3");
    }

    /** The JVM's own proxy settings, pointing at the fake. */
    private void jvmProxy() {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.baseUrl().getPort()));
    }

    /** A gateway whose provider {@code f} lives at a host that does not exist, asked one question. */
    private RecordingChannel call(String... settings) {
        chatroute = Chatroute.create(FakeConfig.settings(FakeConfig.provider(FakeConfig.config(), "f", proxy)
                .put(P + "base-url", UNREACHABLE)
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
