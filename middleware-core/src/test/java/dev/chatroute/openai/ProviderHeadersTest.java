package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chatroute.providers.<name>.headers.<Header-Name>}: sent on every call of that provider; a name
 * that is not a header, or one Chatroute or the JDK owns, fails start-up naming the key, never the value.
 */
class ProviderHeadersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String H = "chatroute.providers.f.headers.";

    private FakeGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theProvidersHeadersGoOnEveryCall() {
        gateway = FakeGateway.start(H + "OpenAI-Organization=org-42", H + "X-Title=Chatroute sample");

        gateway.post(ask("Hi", true)).await(WAIT);
        gateway.post(ask("Again", false)).await(WAIT);

        assertThat(gateway.fake().calls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.header("OpenAI-Organization")).isEqualTo("org-42");
            assertThat(call.header("X-Title")).isEqualTo("Chatroute sample");
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + FakeGateway.API_KEY);
        });
    }

    @Test
    void aSecretHeaderValueIsSentButNeverLogged() {
        try (LogCapture logs = LogCapture.install()) {
            gateway = FakeGateway.start(H + "X-Tenant-Token=tenant-SECRET-7");

            gateway.post(ask("Hi", true)).await(WAIT);
            gateway.close();
            gateway = null;

            assertThat(logs.all()).doesNotContain("tenant-SECRET-7");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "content-type", "Content-Length", "Host", "Accept", "Connection",
        "traceparent", "TraceState", "X-Request-Id", "api-key", "Expect", "Upgrade", "X Bad", "X(Bad)", "X:Bad"})
    void aHeaderChatrouteOrTheJdkOwnsOrABadNameFailsStartUpNamingTheKey(String name) {
        assertThatThrownBy(() -> FakeGateway.start(H + name + "=value-SECRET-9"))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(H + name))
                .message().doesNotContain("value-SECRET-9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Evil: 1", "caf\u00e9", "tab\there"})
    void aValueThatIsNotPrintableAsciiFailsStartUpWithoutShowingIt(String value) {
        assertThatThrownBy(() -> FakeGateway.start(H + "X-Title=" + value))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo(H + "X-Title"))
                .message().doesNotContain(value).contains("not shown");
    }

    @Test
    void aHeaderSetTwiceInDifferentCaseFails() {
        assertThatThrownBy(() -> FakeGateway.start(H + "X-Title=a", H + "x-title=b"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("second time");
    }

    @Test
    void withoutHeadersNothingExtraIsSent() {
        gateway = FakeGateway.start();

        gateway.post(ask("Hi", true)).await(WAIT);

        FakeProvider.Call call = gateway.fake().lastCall();
        assertThat(call.headers.keySet()).noneMatch(n -> n.equalsIgnoreCase("X-Title"));
    }
}
