package dev.chatroute.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The channel on real Jetty, pushed by the test thread (as the core would) towards a raw socket
 * client that does not read: the pushes never block, the buffer says when it is full and when it
 * has room again, everything arrives in order, and a client that leaves is reported once. A push
 * that blocked would hang the test into its timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncServletChannelTest {

    private static final String PADDING = "x".repeat(4000);
    private static final Pattern DATA = Pattern.compile("data: (\\d+):x+\n");

    private Server server;
    private int port;
    private final CompletableFuture<AsyncServletChannel> opened = new CompletableFuture<>();
    private final Recorder callbacks = new Recorder();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setAcceptedSendBufferSize(8192); // so the kernel holds little of what the client does not read
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                AsyncContext async = req.startAsync();
                async.setTimeout(0);
                opened.complete(new AsyncServletChannel(async));
            }
        });
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/push");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aClientThatDoesNotReadFillsTheBufferAndReadingDrainsItInOrder() throws Exception {
        try (Socket client = connect()) {
            AsyncServletChannel channel = openStream();

            int pushed = pushUntilFull(channel);

            assertThat(callbacks.writable).hasValue(0);
            InputStream in = client.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            await().atMost(Duration.ofSeconds(20)).until(() -> readSome(in, received) && callbacks.writable.get() == 1);
            assertThat(channel.sendEvent("delta", pushed + ":" + PADDING)).isTrue();
            channel.closeStream();
            in.transferTo(received); // HTTP/1.0: the response ends when the server closes

            String body = received.toString(StandardCharsets.UTF_8);
            assertThat(body).startsWith("HTTP/1.1 200").contains("Content-Type: text/event-stream");
            assertThat(indices(body)).isEqualTo(range(pushed + 1));
            assertThat(body).endsWith("\n\n");
            assertThat(callbacks.gone).hasValue(0);
        }
    }

    @Test
    void aClientThatLeavesWhileWritesArePendingIsReportedGoneOnce() throws Exception {
        Socket client = connect();
        AsyncServletChannel channel = openStream();
        pushUntilFull(channel);

        client.setSoLinger(true, 0); // reset, as a closed browser tab with unread data does
        client.close();

        await().atMost(Duration.ofSeconds(20)).untilAtomic(callbacks.gone, org.hamcrest.Matchers.equalTo(1));
        assertThat(channel.sendEvent("delta", "late")).isTrue();
        channel.closeStream();
        assertThat(callbacks.gone).hasValue(1);
    }

    @Test
    void aLargeJsonAnswerIsWrittenWithoutBlockingAndCompletes() throws Exception {
        try (Socket client = connect()) {
            AsyncServletChannel channel = opened.get(10, TimeUnit.SECONDS);
            String json = "{\"text\":\"" + "y".repeat(500_000) + "\"}";

            channel.sendJson(200, Map.of("Content-Type", "application/json"), json);

            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Length: " + json.length())
                    .endsWith("\r\n\r\n" + json);
        }
    }

    private Socket connect() throws Exception {
        Socket client = new Socket();
        client.setReceiveBufferSize(4096); // before connect, so the TCP window stays small
        client.connect(new InetSocketAddress("127.0.0.1", port));
        client.getOutputStream().write("GET /push HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        return client;
    }

    private AsyncServletChannel openStream() throws Exception {
        AsyncServletChannel channel = opened.get(10, TimeUnit.SECONDS);
        channel.bind(callbacks);
        channel.openStream(Map.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"));
        return channel;
    }

    /** Pushes 4 KB events until the channel says it is full; a bounded number, since nothing is read. */
    private static int pushUntilFull(AsyncServletChannel channel) {
        int limit = 1000; // 4 MB: far beyond the socket buffers, Jetty's buffer and the channel's bound
        for (int i = 0; i < limit; i++) {
            if (!channel.sendEvent("delta", i + ":" + PADDING)) {
                assertThat(i).as("events pushed before the channel said full").isGreaterThanOrEqualTo(AsyncServletChannel.BOUND / 4100);
                return i + 1;
            }
        }
        throw new AssertionError("the channel took " + limit + " events from a client that reads nothing, and never said it was full");
    }

    private static boolean readSome(InputStream in, ByteArrayOutputStream into) throws Exception {
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        if (n > 0) {
            into.write(buffer, 0, n);
        }
        return true;
    }

    private static List<Integer> indices(String body) {
        List<Integer> found = new ArrayList<>();
        Matcher m = DATA.matcher(body);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static List<Integer> range(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    private static final class Recorder implements ResponseChannel.Callbacks {
        final AtomicInteger writable = new AtomicInteger();
        final AtomicInteger gone = new AtomicInteger();

        @Override
        public void writable() {
            writable.incrementAndGet();
        }

        @Override
        public void clientGone() {
            gone.incrementAndGet();
        }
    }
}
