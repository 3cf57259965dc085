package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.sample.SampleServer;
import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.LogCapture;
import dev.chatroute.testing.Reply;
import dev.chatroute.sample.FakeSsoFilter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The wire contract (CONTRACT §1), run against each route of the real sample on real Jetty, with
 * a fake provider behind it. Subclasses name the route; the tests are the same for both, so the
 * two adapters cannot drift apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatRouteContract {

    static final String KEY = "sk-contract-SECRET-0123456789";

    final FakeProvider fake = FakeProvider.start();
    final LogCapture logs = LogCapture.install();
    final SampleServer server = SampleServer.start(settings(), FakeSsoFilter.class);
    final ContractClient client = new ContractClient(server.uri(route()));

    /** The route under test, such as {@code /api/chat}. */
    abstract String route();

    /** The sample's settings for this suite; a suite may add to them. */
    Map<String, String> settings() {
        Map<String, String> settings = SampleServer.overFake(fake, KEY, Map.of());
        settings.put("chatroute.models.demo", "demo/chatroute-demo");
        settings.put("chatroute.timeouts.first-token", "1s");
        settings.put("chatroute.input.max-bytes", "16384");
        settings.put("chatroute.input.max-tokens", "500");
        settings.put("chatroute.system-prompt", "You are a helpful assistant.");
        settings.put("chatroute.limits.requests-per-minute", "1000"); // the limits suite sets its own
        // One try per call and a circuit that never opens, so that each test sees its own failure;
        // the routing suite sets its own retry and circuit settings.
        settings.put("chatroute.retry.max-attempts", "1");
        settings.put("chatroute.circuit-breaker.failure-threshold", "1000");
        return settings;
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
        fake.byDefault(Reply.stream("Hello", " from", " the", " fake."));
    }

    @AfterEach
    void noSecretReachedAClient() {
        for (Answer answer : client.seen()) {
            assertThat(answer.everything()).doesNotContain(KEY).doesNotContain("Bearer");
        }
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(logs.all()).as("log lines").doesNotContain(KEY);
        logs.close();
        server.close();
        fake.close();
    }

    /** Usage lines are written once the answer is out, so a test waits a moment for them. */
    void awaitLog(String text) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(logs.all()).contains(text));
    }

    static void assertError(Answer answer, int status, String type, String code) {
        assertThat(answer.status()).as("status of " + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = answer.error();
        assertThat(error.path("type").asText()).as("type").isEqualTo(type);
        assertThat(error.path("code").asText()).as("code").isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("requestId").asText()).isEqualTo(answer.header("X-Request-Id"));
    }
}
