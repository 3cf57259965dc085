package dev.chatroute.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatroute.Chatroute;
import dev.chatroute.ChatrouteConfig;
import dev.chatroute.GuardOutcome;
import dev.chatroute.InvalidConfigException;
import dev.chatroute.testing.TestCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may read usage reports and scrape metrics, as the gateway decides it for an admin page. */
class AdminAccessTest {

    @Test
    void inHeaderModeTheAdminRoleMayReadUsageAndNobodyElse() throws Exception {
        try (Chatroute gateway = gateway(Map.of("chatroute.identity", "header"))) {
            GuardOutcome admin = gateway.mayReadUsage(get().from("127.0.0.1")
                    .header("X-Forwarded-User", "ann").header("X-Forwarded-Groups", "staff, chatroute-admin"));
            GuardOutcome staff = gateway.mayReadUsage(get().from("127.0.0.1")
                    .header("X-Forwarded-User", "bob").header("X-Forwarded-Groups", "staff"));
            GuardOutcome forged = gateway.mayReadUsage(get().from("203.0.113.9")
                    .header("X-Forwarded-User", "eve").header("X-Forwarded-Groups", "chatroute-admin"));

            assertThat(admin.allowed()).isTrue();
            assertThat(admin.headers()).containsKey("X-Request-Id");
            assertRefused(staff, "usage_not_allowed");
            assertRefused(forged, "usage_not_allowed"); // headers from an untrusted peer are not believed
        }
    }

    @Test
    void theAdminRoleIsConfigurableAndTheContainerDecidesRolesInContainerMode() throws Exception {
        try (Chatroute gateway = gateway(Map.of("chatroute.admin-role", "finance"))) {
            assertThat(gateway.mayReadUsage(get().from("10.1.2.3").principal("ann", "finance")).allowed()).isTrue();
            assertRefused(gateway.mayReadUsage(get().from("127.0.0.1").principal("bob", "chatroute-admin")),
                    "usage_not_allowed");
            assertRefused(gateway.mayReadUsage(get().from("127.0.0.1")), "usage_not_allowed"); // loopback counts only when anonymous
        }
    }

    @Test
    void inAnonymousModeLoopbackMayReadUsageJudgedAfterTrustedProxies() throws Exception {
        try (Chatroute gateway = gateway(Map.of("chatroute.identity", "anonymous"))) {
            assertThat(gateway.mayReadUsage(get().from("127.0.0.1")).allowed()).isTrue();
            assertThat(gateway.mayReadUsage(get().from("::1")).allowed()).isTrue();
            assertRefused(gateway.mayReadUsage(get().from("192.0.2.7")), "usage_not_allowed");
            // a local reverse proxy forwarding an outside caller: the caller is judged, not the proxy
            assertRefused(gateway.mayReadUsage(get().from("127.0.0.1").header("X-Forwarded-For", "198.51.100.4")),
                    "usage_not_allowed");
            // an outside caller claiming to be loopback is not believed
            assertRefused(gateway.mayReadUsage(get().from("198.51.100.4").header("X-Forwarded-For", "127.0.0.1")),
                    "usage_not_allowed");
        }
    }

    @Test
    void metricsGoToTheAllowedAddressesWhateverTheIdentityMode() throws Exception {
        try (Chatroute loopbackOnly = gateway(Map.of("chatroute.identity", "header"));
                Chatroute network = gateway(Map.of("chatroute.metrics.allowed-addresses", "10.0.0.0/8, 2001:db8::7"))) {
            assertThat(loopbackOnly.mayScrapeMetrics(get().from("127.0.0.1")).allowed()).isTrue();
            assertRefused(loopbackOnly.mayScrapeMetrics(get().from("10.0.0.5")), "metrics_not_allowed");
            assertRefused(loopbackOnly.mayScrapeMetrics(get().from("127.0.0.1").header("X-Forwarded-For", "192.0.2.1")),
                    "metrics_not_allowed");
            assertThat(network.mayScrapeMetrics(get().from("10.200.0.1")).allowed()).isTrue();
            assertThat(network.mayScrapeMetrics(get().from("2001:db8::7")).allowed()).isTrue();
            assertRefused(network.mayScrapeMetrics(get().from("127.0.0.1")), "metrics_not_allowed");
        }
    }

    @Test
    void aBadAddressListFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> gateway(Map.of("chatroute.metrics.allowed-addresses", "prometheus.internal")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("chatroute.metrics.allowed-addresses");
    }

    private static Chatroute gateway(Map<String, String> settings) {
        return Chatroute.builder().config(ChatrouteConfig.builder().putAll(settings).build()).logUsage(false).build();
    }

    private static TestCall get() {
        return TestCall.method("GET");
    }

    private static void assertRefused(GuardOutcome outcome, String code) throws Exception {
        assertThat(outcome.allowed()).isFalse();
        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.headers()).containsEntry("Content-Type", "application/json");
        JsonNode error = new ObjectMapper().readTree(outcome.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("requestId").asText()).isEqualTo(outcome.headers().get("X-Request-Id"));
    }
}
