package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.sample.SampleServer;
import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the app behind one Redis, as on two nodes behind a load balancer: they share
 * one set of limits, and a Redis outage is answered by the configured policy.
 */
class RedisLimitsContractTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";
    static RedisServer redis;
    static FakeProvider fake;
    static SampleServer nodeA;
    static SampleServer nodeB;
    static List<ContractClient> routes = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        fake = FakeProvider.start();
        Map<String, String> settings = Map.of(
                "chatroute.providers.fake.type", "openai-compatible",
                "chatroute.providers.fake.base-url", fake.baseUrl().toString(),
                "chatroute.models.default", "fake/fake-model",
                "chatroute.identity", "header",
                "chatroute.limits.store", "redis",
                "chatroute.limits.redis.uri", redis.uri(),
                "chatroute.limits.redis.timeout", "300ms",
                "chatroute.limits.requests-per-minute", "4");
        nodeA = SampleServer.start(settings);
        nodeB = SampleServer.start(settings);
        for (SampleServer node : List.of(nodeA, nodeB)) {
            routes.add(new ContractClient(node.uri("/api/chat")));
            routes.add(new ContractClient(node.uri("/servlet/api/chat")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        fake.close();
        redis.close();
    }

    @Test
    void twoNodesOnOneRedisAdmitExactlyNPerMinuteBetweenThem() {
        int admitted = 0;
        for (int i = 0; i < 12; i++) {
            Answer answer = routes.get(i % routes.size()).post(CHAT, "X-Forwarded-User", "shared-user");
            assertThat(answer.status()).isIn(200, 429);
            admitted += answer.status() == 200 ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(4);
    }

    @Test
    void whenRedisIsDownCallsAreRefusedFastAndServedAgainWhenItReturns() {
        redis.stop();
        try {
            for (ContractClient route : routes) {
                long started = System.nanoTime();
                Answer answer = route.post(CHAT, "X-Forwarded-User", "outage-user");

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.error().path("code").asText()).isEqualTo("limits_unavailable");
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (ContractClient route : routes) {
                assertThat(route.post(CHAT, "X-Forwarded-User", "after-outage-" + routes.indexOf(route)).status())
                        .isEqualTo(200);
            }
        });
    }
}
