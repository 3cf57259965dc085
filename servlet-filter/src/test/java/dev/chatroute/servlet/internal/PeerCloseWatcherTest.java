package dev.chatroute.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watch on a real loopback connection, as a container's non-blocking socket. */
class PeerCloseWatcherTest {

    @Test
    void aPeerThatClosesIsReportedOnceAndTheThreadThenEnds() throws Exception {
        try (ServerSocketChannel server = listen(); Socket client = connect(server); SocketChannel accepted = accept(server)) {
            CountDownLatch gone = new CountDownLatch(1);
            AtomicInteger reports = new AtomicInteger();
            PeerCloseWatcher.watch(accepted, () -> {
                reports.incrementAndGet();
                gone.countDown();
            });
            await().until(() -> watcherThread() != null);

            client.close();

            assertThat(gone.await(1, TimeUnit.SECONDS)).as("reported within a second").isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> watcherThread() == null);
            assertThat(reports).hasValue(1);
        }
    }

    @Test
    void aStoppedWatchReportsNothingAndLeavesNoThread() throws Exception {
        try (ServerSocketChannel server = listen(); Socket client = connect(server); SocketChannel accepted = accept(server)) {
            AtomicInteger reports = new AtomicInteger();
            Runnable stop = PeerCloseWatcher.watch(accepted, reports::incrementAndGet);
            await().until(() -> watcherThread() != null);

            stop.run();
            await().atMost(Duration.ofSeconds(2)).until(() -> watcherThread() == null);
            client.close();
            // a new watch on another connection proves the selector works again; the stopped one stayed silent
            try (Socket second = connect(server); SocketChannel secondAccepted = accept(server)) {
                CountDownLatch gone = new CountDownLatch(1);
                PeerCloseWatcher.watch(secondAccepted, gone::countDown);
                second.close();
                assertThat(gone.await(1, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(reports).hasValue(0);
        }
    }

    private static Thread watcherThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("chatroute-disconnect-watch")).findFirst().orElse(null);
    }

    private static ServerSocketChannel listen() throws Exception {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static Socket connect(ServerSocketChannel server) throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.getLocalAddress()).getPort());
    }

    private static SocketChannel accept(ServerSocketChannel server) throws Exception {
        SocketChannel channel = server.accept();
        channel.configureBlocking(false); // as containers keep their sockets
        return channel;
    }
}
