package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Per-user and global limits (CONTRACT §1, 429), on both routes, with the in-process store. */
class LimitsContractTest {

    static final String CHAT = "{\"userMessage\":\"Hi\"}";

    @Nested
    class OnTheJaxrsRoute extends Limits {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Limits {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    @Nested
    class GlobalOnTheJaxrsRoute extends GlobalLimits {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class GlobalOnTheServletRoute extends GlobalLimits {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    /** chatroute.limits.global.*: one ceiling for all users together. */
    abstract static class GlobalLimits extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "header");
            settings.put("chatroute.limits.global.requests-per-minute", "20");
            settings.put("chatroute.limits.global.concurrent-streams", "1");
            return settings;
        }

        @Test
        void allUsersTogetherGetTheGlobalLimitThenA429NamingItWithRetryAfter() throws Exception {
            fake.enqueue(Reply.words(2_000).gap(Duration.ofMillis(20)));
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                String body = "{\"userMessage\":\"Go on\",\"stream\":true}";
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + route() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Forwarded-User: first\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.getInputStream().read(new byte[256]); // the stream is open: the one global permit is held
                await().atMost(Duration.ofSeconds(2)).until(() -> fake.callCount() == 1);

                Answer busy = client.post(CHAT, "X-Forwarded-User", "second");
                assertError(busy, 429, "rate_limit_error", "global_concurrent_streams");
                assertThat(busy.header("Retry-After")).isEqualTo("1");
            }
            fake.lastCall().awaitClientClose(Duration.ofSeconds(2));
            // the permit came back with the stream's end
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(client.post(CHAT, "X-Forwarded-User", "third").status()).isEqualTo(200));
            while (true) { // spends the rest of the minute's 20 requests, whoever sends them
                Answer answer = client.post(CHAT, "X-Forwarded-User", "user-" + System.nanoTime());
                if (answer.status() != 200) {
                    assertError(answer, 429, "rate_limit_error", "global_requests_per_minute");
                    assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 3);
                    break;
                }
            }
            assertError(client.post(CHAT, "X-Forwarded-User", "yet-another"), 429, "rate_limit_error",
                    "global_requests_per_minute");
        }
    }

    /** Callers are named by a trusted proxy header, so each test can use fresh users. */
    abstract static class Limits extends ChatRouteContract {

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.identity", "header");
            settings.put("chatroute.limits.requests-per-minute", "3");
            settings.put("chatroute.limits.concurrent-streams", "1");
            settings.put("chatroute.limits.tokens-per-day", "5000");
            settings.put("chatroute.output.max-tokens", "1000");
            settings.put("chatroute.limits.role.vip.requests-per-minute", "100");
            return settings;
        }

        Answer chat(String user) {
            return client.post(CHAT, "X-Forwarded-User", user);
        }

        @Test
        void theRequestsPerMinuteLimitAdmitsExactlyNThenRefusesWithRetryAfterAndRateLimitHeaders() {
            for (int i = 0; i < 3; i++) {
                Answer ok = chat("rpm-user");
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("RateLimit-Policy")).contains("\"rpm\";q=3;w=60");
                assertThat(ok.header("RateLimit")).contains("\"rpm\";r=" + (2 - i));
            }
            Answer refused = chat("rpm-user");

            assertError(refused, 429, "rate_limit_error", "requests_per_minute");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
            assertThat(refused.header("RateLimit")).contains("\"rpm\";r=0");
            assertThat(fake.callCount()).isEqualTo(3);
        }

        @Test
        void oneUsersExhaustionNeverTouchesAnothers() {
            for (int i = 0; i < 3; i++) {
                chat("greedy");
            }
            assertError(chat("greedy"), 429, "rate_limit_error", "requests_per_minute");

            assertThat(chat("modest").status()).isEqualTo(200);
        }

        @Test
        void aRoleRaisesTheLimit() {
            for (int i = 0; i < 5; i++) {
                assertThat(client.post(CHAT, "X-Forwarded-User", "boss", "X-Forwarded-Groups", "staff, vip").status())
                        .isEqualTo(200);
            }
        }

        @Test
        void reservationsAreSettledToRealUsageSoSmallCallsDoNotSpendTheDay() {
            // Each call reserves its input and the 1000-token output cap of the 5000 allowed, and is
            // settled to the few tokens it really used; unsettled, the fifth call would be refused.
            for (int i = 0; i < 3; i++) {
                assertThat(client.post(CHAT, "X-Forwarded-User", "thrifty", "X-Forwarded-Groups", "vip").status())
                        .isEqualTo(200);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(client.post(CHAT, "X-Forwarded-User", "thrifty", "X-Forwarded-Groups", "vip").status())
                        .isEqualTo(200);
            }
        }

        @Test
        void tokensReallyUsedAreChargedSoAUserWhoSpentTheDayIsRefused() {
            fake.enqueue(Reply.json("A very long answer").promptTokens(4_500));
            assertThat(chat("spender").status()).isEqualTo(200);

            Answer refused = chat("spender");

            assertError(refused, 429, "rate_limit_error", "tokens_per_day");
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(fake.callCount()).isEqualTo(1);
        }

        @Test
        void aSecondConcurrentCallIsRefusedAndThePermitReturnsWhenTheClientLeaves() throws Exception {
            fake.enqueue(Reply.words(2_000).gap(Duration.ofMillis(20)));
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                String body = "{\"userMessage\":\"Go on\",\"stream\":true}";
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + route() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Forwarded-User: streamer\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.getInputStream().read(new byte[256]); // the stream is open
                await().atMost(Duration.ofSeconds(2)).until(() -> fake.callCount() == 1);

                assertError(chat("streamer"), 429, "rate_limit_error", "concurrent_streams");
            }
            fake.lastCall().awaitClientClose(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(chat("streamer").status()).isEqualTo(200));
        }

        @Test
        void thePermitReturnsAfterAnUpstreamError() {
            fake.enqueue(Reply.error(500, "server_error", "boom"));
            assertThat(chat("unlucky").status()).isEqualTo(503);

            assertThat(chat("unlucky").status()).isEqualTo(200);
        }

        @Test
        void thePermitReturnsAfterATimeout() {
            fake.enqueue(Reply.hang());
            assertThat(chat("patient").status()).isEqualTo(504);

            assertThat(chat("patient").status()).isEqualTo(200);
        }
    }
}
