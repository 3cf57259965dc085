package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.sample.contract.ContractClient.Answer;
import dev.chatroute.testing.Reply;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Clients that open a big stream and stop reading (sockets with a tiny receive buffer that never
 * read) cost only their own buffers: on both routes, with the default keepalive, another user's
 * stream keeps its pace and another user's first-token timeout fires on time; the stuck calls
 * end as CLIENT_CANCELLED once stuck longer than {@code timeouts.idle}, their providers stopped.
 */
class StuckClientContractTest {

    @Nested
    class OnTheJaxrsRoute extends StuckClients {
        @Override
        String route() {
            return "/api/chat";
        }
    }

    @Nested
    class OnTheServletRoute extends StuckClients {
        @Override
        String route() {
            return "/servlet/api/chat";
        }
    }

    abstract static class StuckClients extends ChatRouteContract {

        private static final int STUCK = 3;
        private static final String FLOOD_BODY =
                "{\"userMessage\":\"Tell me everything\",\"stream\":true,\"max_tokens\":1000000}";

        @Override
        Map<String, String> settings() {
            Map<String, String> settings = super.settings();
            settings.put("chatroute.timeouts.first-token", "2s");
            settings.put("chatroute.timeouts.idle", "8s");
            settings.put("chatroute.timeouts.total", "60s");
            settings.put("chatroute.limits.concurrent-streams", "off"); // every caller here is anon:127.0.0.1
            settings.put("chatroute.limits.tokens-per-day", "off");
            settings.put("chatroute.output.max-tokens", "1000000"); // the flood must not be cut at max_tokens
            return settings;
        }

        @Test
        void clientsThatStopReadingDelayNobodyElseAndEndAsClientCancelled() throws Exception {
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < STUCK; i++) {
                    fake.enqueue(flood());
                    stuck.add(openAndNeverRead(FLOOD_BODY));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> fake.callCount() == STUCK);
                // Each stuck call has filled what the network holds (the socket buffers on both sides of
                // the server, a few MB on loopback) and its own buffer: its provider writes into a full socket.
                for (int i = 0; i < STUCK; i++) {
                    int call = i;
                    await().atMost(Duration.ofSeconds(30)).until(() -> sentStopsGrowing(call));
                }

                fake.enqueue(Reply.hang());
                long asked = System.nanoTime();
                Answer timedOut = client.post("{\"userMessage\":\"Are you there?\",\"stream\":true}");
                Duration waited = Duration.ofNanos(System.nanoTime() - asked);
                assertThat(timedOut.eventNames()).containsExactly("meta", "error");
                assertThat(timedOut.event("error").path("error").path("code").asText()).isEqualTo("upstream_timeout");
                assertThat(waited).as("the 2 s first-token timeout fired on time").isBetween(
                        Duration.ofMillis(1900), Duration.ofMillis(3500));

                fake.enqueue(Reply.words(20).gap(Duration.ofMillis(50)));
                long started = System.nanoTime();
                Answer steady = client.post("{\"userMessage\":\"Count for me\",\"stream\":true}");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(steady.eventNames()).last().isEqualTo("done");
                assertThat(steady.streamedText()).startsWith("w0 ").endsWith("w19 ");
                assertThat(took).as("a 1 s stream keeps its pace").isLessThan(Duration.ofMillis(2500));

                for (int i = 0; i < STUCK; i++) {
                    fake.calls().get(i).awaitClientClose(Duration.ofSeconds(20));
                }
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(logs.all().split("outcome=CLIENT_CANCELLED", -1)).hasSizeGreaterThan(STUCK));
            } finally {
                for (Socket s : stuck) {
                    s.close();
                }
            }
        }

        /**
         * 48 MB of text in 8 kB deltas: far more than the sockets between provider and client hold.
         * Spaces, which are few tokens (about 380,000 in all), so that max_tokens never cuts it.
         */
        private static Reply flood() {
            String[] deltas = new String[6_000];
            java.util.Arrays.fill(deltas, " ".repeat(8_000));
            return Reply.stream(deltas);
        }

        private int lastSent = -1;
        private int lastCall = -1;

        /** True once the provider's count of deltas written for call {@code i} stayed put between two polls. */
        private boolean sentStopsGrowing(int i) {
            int sent = fake.calls().get(i).deltasSent();
            boolean same = lastCall == i && sent == lastSent && sent > 0;
            lastCall = i;
            lastSent = sent;
            return same;
        }

        private Socket openAndNeverRead(String body) throws Exception {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + route() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return socket;
        }
    }
}
