package dev.chatroute.sample.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.testing.FakeProvider;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The bytes of a raw HTTP/1.1 chat call, for clients that leave on a socket of their own. */
public final class LeavingClient {

    private LeavingClient() {
    }

    /** @param headerLines more header lines, each {@code Name: value} */
    public static byte[] post(String path, String body, String... headerLines) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder extra = new StringBuilder();
        for (String line : headerLines) {
            extra.append(line).append("\r\n");
        }
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + extra + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] bytes = new byte[head.length() + json.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, head.length());
        System.arraycopy(json, 0, bytes, head.length(), json.length);
        return bytes;
    }

    /**
     * Sends a call on a socket of its own, leaves as soon as the provider has been called, and returns
     * how long the provider's connection stayed open after the client left (at most about a second).
     */
    public static Duration leaveOnceCalled(int port, byte[] call, FakeProvider fake) throws IOException {
        int before = fake.callCount();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(call);
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> fake.callCount() > before);
            assertThat(fake.lastCall().clientClosed()).isFalse();
        }
        long leftAt = System.nanoTime();
        return Duration.ofNanos(fake.lastCall().awaitClientClose(Duration.ofSeconds(1)) - leftAt);
    }
}
