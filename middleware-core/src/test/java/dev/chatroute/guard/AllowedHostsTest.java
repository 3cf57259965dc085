package dev.chatroute.guard;

import static dev.chatroute.testing.ContractAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatroute.GuardOutcome;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code chatroute.csrf.allowed-hosts}: a call naming another host (DNS rebinding) gets 403 host_not_allowed. */
class AllowedHostsTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.csrf.allowed-hosts=app.example, intranet.local:8080, [::1]:8080");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static RecordingChannel post(String host) {
        return gateway.answer(TestCall.post(CHAT).header("Host", host).from("203.0.113.5"));
    }

    static void assertHostRefused(RecordingChannel channel) {
        assertError(channel, 403, "permission_error", "host_not_allowed", null);
    }

    @Test
    void aListedHostIsServedOnAnyPortUnlessTheEntryNamesOne() {
        assertThat(post("app.example").status()).isEqualTo(200);
        assertThat(post("APP.example:1234").status()).isEqualTo(200);
        assertThat(post("intranet.local:8080").status()).isEqualTo(200);
        assertThat(post("[0:0::1]:8080").status()).isEqualTo(200);
        assertHostRefused(post("intranet.local:9090"));
        assertHostRefused(post("intranet.local"));
    }

    @Test
    void aRebindingNameIsRefusedEvenThoughItsOriginIsItsOwn() {
        RecordingChannel channel = gateway.answer(TestCall.post(CHAT).header("Host", "evil.example")
                .header("Origin", "http://evil.example").from("203.0.113.5"));

        assertHostRefused(channel);
        assertThat(channel.headers().get("Connection")).isEqualTo("close");
    }

    @Test
    void aCallWithoutAHostIsRefused() {
        assertHostRefused(gateway.answer(TestCall.post(CHAT).from("203.0.113.5")));
        assertHostRefused(post("bad host"));
    }

    @Test
    void everyMethodIsChecked() {
        assertHostRefused(gateway.answer(TestCall.method("OPTIONS").header("Host", "evil.example")));
        assertHostRefused(gateway.answer(TestCall.method("GET").header("Host", "evil.example")));
    }

    @Test
    void guardedPathsAreCheckedForSafeMethodsToo() {
        GuardOutcome refused = gateway.chatroute().guard(TestCall.method("GET").header("Host", "evil.example"));
        GuardOutcome allowed = gateway.chatroute().guard(TestCall.method("GET").header("Host", "app.example"));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("host_not_allowed");
        assertThat(allowed.allowed()).isTrue();
    }

    @Test
    void theHostATrustedProxyForwardsIsTheOneChecked() {
        TestCall viaProxy = TestCall.post(CHAT).from("127.0.0.1").header("Host", "app.internal")
                .header("X-Forwarded-Host", "app.example");
        TestCall forged = TestCall.post(CHAT).from("203.0.113.5").header("Host", "evil.example")
                .header("X-Forwarded-Host", "app.example");

        assertThat(gateway.answer(viaProxy).status()).isEqualTo(200);
        assertHostRefused(gateway.answer(forged));
    }

    @Test
    void aBadEntryFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> DemoGateway.start("chatroute.csrf.allowed-hosts=https://app.example"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.csrf.allowed-hosts")
                .hasMessageContaining("https://app.example");
        assertThatThrownBy(() -> DemoGateway.start("chatroute.identity.anonymous.ipv6-prefix=129"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("chatroute.identity.anonymous.ipv6-prefix");
    }
}
