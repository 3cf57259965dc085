package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.testing.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A browser that goes away mid-answer: the provider call must stop within a second, on both routes. */
class DisconnectContractTest {

    @Nested
    class OnTheJaxrsRoute extends Disconnects {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends Disconnects {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class Disconnects extends ChatRouteContract {

        /** A first-token timeout far off, so that only noticing the client can end a hung call within the test's second. */
        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.timeouts.first-token", "30s");
            return settings;
        }

        @Test
        void aJsonClientThatLeavesBeforeTheFirstTokenClosesTheProviderConnectionWithinASecond() throws Exception {
            leaveBeforeTheFirstToken("{\"userMessage\":\"Think hard\"}");
        }

        @Test
        void aStreamingClientThatLeavesBeforeTheFirstTokenClosesTheProviderConnectionWithinASecond() throws Exception {
            leaveBeforeTheFirstToken("{\"userMessage\":\"Think hard\",\"stream\":true}");
        }

        private void leaveBeforeTheFirstToken(String body) throws Exception {
            fake.enqueue(Reply.hang());
            long cancelledBefore = cancelledLines();

            Duration stillOpen = LeavingClient.leaveOnceCalled(server.port(), LeavingClient.post(route(), body), fake);

            assertThat(stillOpen).isLessThan(Duration.ofSeconds(1));
            // this call's own usage line: the suite's log holds the other tests' lines too
            await().atMost(Duration.ofSeconds(2)).until(() -> cancelledLines() > cancelledBefore);
        }

        private long cancelledLines() {
            return logs.lines().stream().filter(line -> line.contains("outcome=CLIENT_CANCELLED")).count();
        }

        @Test
        void aClientThatDisconnectsMidStreamClosesTheProviderConnectionWithinASecond() throws Exception {
            fake.enqueue(Reply.words(2_000).gap(Duration.ofMillis(20)));
            long closedAt;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                String body = "{\"userMessage\":\"Tell me a long story\",\"stream\":true}";
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + route() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                int deltas = 0;
                for (String line = in.readLine(); line != null && deltas < 5; line = in.readLine()) {
                    if (line.equals("event: delta")) {
                        deltas++;
                    }
                }
                assertThat(deltas).as("deltas read before leaving").isEqualTo(5);
                assertThat(fake.lastCall().clientClosed()).isFalse();
            }
            long leftAt = System.nanoTime();
            closedAt = fake.lastCall().awaitClientClose(Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(closedAt - leftAt)).isLessThan(Duration.ofSeconds(1));
            awaitLog("outcome=CLIENT_CANCELLED");
        }
    }
}
