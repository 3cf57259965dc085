package dev.chatroute.health;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.Health;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RedisServer;
import dev.chatroute.testing.Reply;
import org.junit.jupiter.api.Test;

/** {@code Chatroute.health()}: circuits per target, the limit store, and when the gateway counts as usable. */
class HealthTest {

    @Test
    void aFreshGatewayIsUsableWithEveryCircuitClosed() {
        try (FakeGateway gateway = FakeGateway.start("chatroute.models.cheap=f/small-model")) {
            Health health = gateway.chatroute().health();

            assertThat(health.usable()).isTrue();
            assertThat(health.circuits()).extracting(c -> c.alias() + "=" + c.provider() + "/" + c.model() + ":" + c.state())
                    .contains("default=f/" + FakeGateway.MODEL + ":closed", "cheap=f/small-model:closed");
            assertThat(health.limits()).isEqualTo(new Health.Limits("local", true, true));
            assertThat(health.toJson()).startsWith("{\"status\":\"UP\"").contains("\"ledger\":\"off\"")
                    .doesNotContain(FakeGateway.API_KEY);
        }
    }

    @Test
    void anOpenCircuitOnTheDefaultAliasMakesItUnusableAndSaysWhenTheTrialIs() {
        try (FakeGateway gateway = FakeGateway.start("chatroute.circuit-breaker.failure-threshold=1",
                "chatroute.circuit-breaker.delay=30s", "chatroute.retry.max-attempts=1")) {
            gateway.fake().enqueue(Reply.error(500, "server_error", "boom"));
            assertThat(gateway.post(ask("Hi", false)).await(java.time.Duration.ofSeconds(5)).status()).isEqualTo(503);

            Health health = gateway.chatroute().health();

            assertThat(health.usable()).isFalse();
            assertThat(health.circuits()).filteredOn(c -> c.alias().equals("default"))
                    .extracting(Health.Circuit::state).containsExactly("open");
            assertThat(health.toJson()).startsWith("{\"status\":\"DOWN\"").contains("\"trialInSeconds\":");
        }
    }

    @Test
    void aPausedRedisIsReportedAndOnlyAllowLocalKeepsTheGatewayUsable() {
        try (RedisServer redis = RedisServer.start();
                FakeGateway deny = FakeGateway.start("chatroute.limits.store=redis",
                        "chatroute.limits.redis.uri=" + redis.uri(), "chatroute.limits.redis.timeout=300ms");
                FakeGateway allowLocal = FakeGateway.start("chatroute.limits.store=redis",
                        "chatroute.limits.redis.uri=" + redis.uri(), "chatroute.limits.redis.timeout=300ms",
                        "chatroute.limits.redis.on-failure=allow-local")) {
            assertThat(deny.chatroute().health().limits()).isEqualTo(new Health.Limits("redis", true, true));

            redis.pause();
            try {
                assertThat(deny.chatroute().health().limits()).isEqualTo(new Health.Limits("redis", false, false));
                assertThat(deny.chatroute().health().usable()).isFalse();
                assertThat(allowLocal.chatroute().health().limits()).isEqualTo(new Health.Limits("redis", false, true));
                assertThat(allowLocal.chatroute().health().usable()).isTrue();
            } finally {
                redis.resume();
            }
            assertThat(deny.chatroute().health().usable()).isTrue();
        }
    }
}
