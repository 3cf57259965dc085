package dev.chatroute.sample.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatroute.jaxrs.internal.SseChannel;
import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
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
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JAX-RS channel on real Jersey on real Jetty, pushed by the test thread (as the core would)
 * towards a raw socket client that stops reading. Jersey's sink writes with blocking I/O, so this
 * proves the pushes never reach it on the pushing thread: they return, say full, and later say
 * writable; everything arrives in order; a client that leaves is reported once. A push that
 * blocked would hang the test into its timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseChannelOnJerseyTest {

    private static final String PADDING = "x".repeat(4000);
    private static final Pattern DATA = Pattern.compile("data: (\\d+):x+\n");
    static volatile CompletableFuture<SseChannel> opened;

    private Server server;
    private int port;
    private final Recorder callbacks = new Recorder();

    /** Hands each stream's channel to the test, which plays the core. */
    @Path("push")
    public static class PushResource {
        @GET
        @Produces(MediaType.SERVER_SENT_EVENTS)
        public void push(@Context SseEventSink sink, @Context Sse sse, @Context HttpServletRequest request) {
            SseChannel channel = new SseChannel(sink, sse, request);
            channel.resourceMethodReturning();
            opened.complete(channel);
        }
    }

    @BeforeEach
    void start() throws Exception {
        opened = new CompletableFuture<>();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setAcceptedSendBufferSize(8192); // so the kernel holds little of what the client does not read
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder jersey = new ServletHolder(new ServletContainer(new ResourceConfig(PushResource.class)));
        jersey.setAsyncSupported(true);
        context.addServlet(jersey, "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aClientThatDoesNotReadFillsTheQueueAndReadingDrainsItInOrder() throws Exception {
        try (Socket client = connect()) {
            SseChannel channel = openStream();

            int pushed = pushUntilFull(channel);

            // Jersey's sink takes events into its own queue, without blocking, while its first flush
            // runs on the container's thread; so writable() may come before this client reads.
            InputStream in = client.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            client.setSoTimeout(100);
            await().atMost(Duration.ofSeconds(20)).until(() -> readSome(in, received) && callbacks.writable.get() >= 1);
            assertThat(channel.sendEvent("delta", pushed + ":" + PADDING)).isTrue();
            channel.closeStream();
            client.setSoTimeout(0);
            in.transferTo(received); // HTTP/1.0: the response ends when the server closes

            String body = received.toString(StandardCharsets.UTF_8);
            assertThat(body).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/event-stream");
            assertThat(indices(body)).isEqualTo(range(pushed + 1));
            assertThat(callbacks.gone).hasValue(0);
        }
    }

    @Test
    void aClientThatLeavesWhileWritesArePendingIsReportedGoneOnce() throws Exception {
        Socket client = connect();
        SseChannel channel = openStream();
        pushUntilFull(channel);

        client.setSoLinger(true, 0); // reset, as a closed browser tab with unread data does
        client.close();

        // Jersey may have taken the events into its own queue and fail them on the container's
        // thread, telling no sender; its sink is closed then, and the core's next event finds out.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            channel.sendComment("keepalive");
            return callbacks.gone.get() == 1;
        });
        assertThat(channel.sendEvent("delta", "late")).isTrue();
        channel.closeStream();
        assertThat(callbacks.gone).hasValue(1);
    }

    private Socket connect() throws Exception {
        Socket client = new Socket();
        client.setReceiveBufferSize(4096); // before connect, so the TCP window stays small
        client.connect(new InetSocketAddress("127.0.0.1", port));
        client.getOutputStream().write("GET /push HTTP/1.0\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        return client;
    }

    private SseChannel openStream() throws Exception {
        SseChannel channel = opened.get(10, TimeUnit.SECONDS);
        channel.bind(callbacks);
        channel.openStream(Map.of());
        return channel;
    }

    /** Pushes 4 KB events until the channel says it is full; a bounded number, since nothing is read. */
    private static int pushUntilFull(SseChannel channel) {
        int limit = 1000; // 4 MB: far beyond the socket buffers, the container's buffer and the channel's bound
        for (int i = 0; i < limit; i++) {
            if (!channel.sendEvent("delta", i + ":" + PADDING)) {
                assertThat(i).as("events pushed before the channel said full").isGreaterThanOrEqualTo(SseChannel.BOUND / 4100);
                return i + 1;
            }
        }
        throw new AssertionError("the channel took " + limit + " events from a client that reads nothing, and never said it was full");
    }

    private static boolean readSome(InputStream in, ByteArrayOutputStream into) throws Exception {
        byte[] buffer = new byte[8192];
        try {
            int n = in.read(buffer);
            if (n > 0) {
                into.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException nothingYet) {
            // read again on the next poll
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
