package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries, fallbacks, timeouts and circuits, seen from the browser, on both routes. Each test uses its
 * own model alias, and so its own targets' circuits; the retry budget has a suite of its own.
 */
class RoutingContractTest {

    @Nested
    class OnTheJaxrsRoute extends Routing {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Routing {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Routing extends ChatRouteContract {

        FakeProvider second; // started in settings(), which runs before this class's initialisers

        @Override
        Map<String, String> settings() {
            second = FakeProvider.start();
            Map<String, String> s = super.settings();
            s.put("chatroute.providers.second.type", "openai-compatible");
            s.put("chatroute.providers.second.base-url", second.baseUrl().toString());
            s.put("chatroute.models.retry", "fake/retry-model");
            s.put("chatroute.models.chain", "fake/chain-model, second/backup-model");
            s.put("chatroute.models.plain-chain", "fake/plain-chain-model, second/backup-model");
            s.put("chatroute.models.keys", "fake/keys-model, second/backup-model");
            s.put("chatroute.models.solo", "fake/solo-model");
            s.put("chatroute.models.hang", "fake/hang-model, second/hang-model");
            s.put("chatroute.models.cut", "fake/cut-model, second/backup-model");
            s.put("chatroute.models.circuit", "fake/circuit-model");
            s.put("chatroute.models.backoff", "fake/backoff-model, second/backup-model");
            s.put("chatroute.retry.max-attempts", "3");
            s.put("chatroute.retry.initial-delay", "10ms");
            s.put("chatroute.retry.max-delay", "40ms");
            s.put("chatroute.retry.budget-min-retries", "1000"); // RetryBudgetContractTest sets a tight one
            s.put("chatroute.circuit-breaker.failure-threshold", "3");
            s.put("chatroute.circuit-breaker.delay", "700ms");
            s.put("chatroute.stream.keepalive", "100ms"); // notices a departed client while nothing is sent
            return s;
        }

        @BeforeEach
        void resetSecond() {
            second.reset();
            second.byDefault(Reply.stream("From", " the", " backup."));
        }

        @Test
        void twoRateLimitsThenSuccessGiveOneAnswerAfterThreeCallsWaitingRetryAfter() {
            fake.enqueue(Reply.error(429, "rate_limit_exceeded", "slow").header("Retry-After", "1"),
                    Reply.error(429, "rate_limit_exceeded", "slow").header("Retry-After", "1"));
            long start = System.nanoTime();

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"retry\",\"stream\":true}");

            assertThat(answer.eventNames()).containsExactly("meta", "delta", "delta", "delta", "delta", "usage", "done");
            assertThat(answer.streamedText()).isEqualTo("Hello from the fake.");
            assertThat(fake.callCount()).isEqualTo(3);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1900));
            awaitLog("retries=2");
        }

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void aFailingPrimaryIsAnsweredByTheSecondary(boolean stream) {
            fake.byDefault(Reply.error(500, "server_error", "The server had an error"));

            // Three failures open a circuit (threshold 3): each case has its own primary target.
            String model = stream ? "chain" : "plain-chain";
            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"" + model + "\",\"stream\":" + stream + "}");

            assertThat(answer.status()).isEqualTo(200);
            if (stream) {
                assertThat(answer.eventNames()).endsWith("usage", "done");
                assertThat(answer.streamedText()).isEqualTo("From the backup.");
            } else {
                assertThat(parseText(answer)).isEqualTo("From the backup.");
            }
            assertThat(fake.callCount()).isEqualTo(3);
            assertThat(second.lastCall().json().path("model").asText()).isEqualTo("backup-model");
            awaitLog("fallback=true");
        }

        @Test
        void aRefusedKeyMovesOnToTheSecondaryAndIsLoggedWithoutTheKey() {
            fake.byDefault(Reply.error(401, "invalid_api_key", "Incorrect API key provided: sk-con***789"));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"keys\"}");

            assertThat(parseText(answer)).isEqualTo("From the backup.");
            assertThat(fake.callCount()).isEqualTo(1);
            awaitLog("fake/keys-model is misconfigured");
            assertThat(logs.all()).doesNotContain(KEY).doesNotContain("sk-con***789");
        }

        @Test
        void aRefusedKeyOnASingleTargetIsA502AfterOneCall() {
            fake.byDefault(Reply.error(401, "invalid_api_key", "Incorrect API key provided"));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"solo\"}");

            assertError(answer, 502, "upstream_error", "upstream_rejected");
            assertThat(fake.callCount()).isEqualTo(1);
        }

        @Test
        void aHangingChainIsA504WithinTheFirstTokenTimeoutPerTarget() {
            fake.byDefault(Reply.hang());
            second.byDefault(Reply.hang());
            long start = System.nanoTime();

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"hang\"}");

            assertError(answer, 504, "upstream_timeout", "upstream_timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2 * (1 + 1)));
            fake.lastCall().awaitClientClose(Duration.ofSeconds(1));
            second.lastCall().awaitClientClose(Duration.ofSeconds(1));
        }

        @Test
        void aStreamCutAfterSomeDeltasEndsWithAnErrorAndIsNotRetried() {
            fake.enqueue(Reply.words(10).cutAfter(3));

            Answer answer = client.post("{\"userMessage\":\"Hi\",\"model\":\"cut\",\"stream\":true}");

            assertThat(answer.eventNames()).containsExactly("meta", "delta", "delta", "delta", "error");
            assertThat(fake.callCount()).isEqualTo(1);
            assertThat(second.callCount()).isZero();
        }

        @Test
        void theCircuitOpensAfterTheThresholdAnswers503WithRetryAfterAndClosesAfterTheDelay() {
            fake.byDefault(Reply.error(503, "overloaded", "busy"));
            String ask = "{\"userMessage\":\"Hi\",\"model\":\"circuit\"}";
            client.post(ask); // three tries: the threshold
            assertThat(fake.callCount()).isEqualTo(3);

            Answer open = client.post(ask);

            assertError(open, 503, "upstream_unavailable", "upstream_unavailable");
            assertThat(open.header("Retry-After")).isEqualTo("1");
            assertThat(fake.callCount()).as("no call while open").isEqualTo(3);
            fake.byDefault(Reply.stream("Back."));
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(750)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(client.post(ask).status()).isEqualTo(200));
            assertThat(client.post(ask).status()).isEqualTo(200);
        }

        @Test
        void aClientThatLeavesDuringABackoffCancelsThePendingRetry() throws Exception {
            fake.byDefault(Reply.error(429, "rate_limit_exceeded", "slow").header("retry-after-ms", "800"));
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                String body = "{\"userMessage\":\"Hi\",\"model\":\"backoff\",\"stream\":true}";
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + route() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null && !line.equals("event: meta"); line = in.readLine()) {
                    // up to the stream's first event
                }
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> fake.callCount() == 1);
            }
            awaitLog("outcome=CLIENT_CANCELLED");
            awaitLog("Dropped a retry of fake/backoff-model"); // the retry fell due, and nothing was called

            assertThat(fake.callCount()).isEqualTo(1);
            assertThat(second.callCount()).isZero();
        }

        private static String parseText(Answer answer) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("text").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
