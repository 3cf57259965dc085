package dev.chatroute.sample.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.sample.contract.LeavingClient;
import dev.chatroute.testing.FakeProvider;
import dev.chatroute.testing.Reply;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;

/** A client that leaves a deployed route before the first token, as DisconnectContractTest does on the sample. */
final class LeavingCalls {

    static final String JSON = "{\"userMessage\":\"Think hard\"}";
    static final String STREAM = "{\"userMessage\":\"Think hard\",\"stream\":true}";

    private LeavingCalls() {
    }

    /** The provider hangs; once the socket closes, its connection must close within a second, as CLIENT_CANCELLED. */
    static void leaveBeforeTheFirstToken(FakeProvider fake, StdoutLines out, URL app, String route, String body)
            throws Exception {
        fake.enqueue(Reply.hang());
        int before = fake.callCount();
        long cancelledBefore = out.count("outcome=CLIENT_CANCELLED");
        String path = Calls.at(app, route).getPath();
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.getOutputStream().write(LeavingClient.post(path, body));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> fake.callCount() > before);
            assertThat(fake.lastCall().clientClosed()).as(route).isFalse();
        }
        long leftAt = System.nanoTime();
        long closedAt = fake.lastCall().awaitClientClose(Duration.ofSeconds(1));

        assertThat(Duration.ofNanos(closedAt - leftAt)).as(route + " " + body).isLessThan(Duration.ofSeconds(1));
        await(route + " usage line").atMost(Duration.ofSeconds(2))
                .until(() -> out.count("outcome=CLIENT_CANCELLED") > cancelledBefore);
    }
}
