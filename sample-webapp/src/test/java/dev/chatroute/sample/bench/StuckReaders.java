package dev.chatroute.sample.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that ask for a big stream ({@code #big}: megabytes, more than the kernel buffers hold)
 * and then never read, on raw sockets with a tiny receive buffer: the server's writes to them must
 * back up without holding a thread, and the server should eventually give up on them.
 */
final class StuckReaders implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    StuckReaders(URI route, int count) throws IOException {
        String body = "{\"userMessage\":\"Tell me a long story #big\",\"stream\":true}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + route.getPath() + " HTTP/1.1\r\nHost: " + route.getHost() + ":" + route.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                + bytes.length + "\r\n\r\n";
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(1024); // before connect, so the advertised window stays small
            s.connect(new InetSocketAddress(route.getHost(), route.getPort()), 10_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            sockets.add(s);
        }
    }

    /**
     * After the phase: drains each socket for at most {@code perSocketMillis} (bounded bytes) and
     * tells whether the server had closed it (end of stream or reset) or was still sending.
     */
    String verdict(int perSocketMillis) {
        int closed = 0;
        long bytes = 0;
        for (Socket s : sockets) {
            long deadline = System.currentTimeMillis() + perSocketMillis;
            byte[] buf = new byte[64 * 1024];
            try {
                s.setSoTimeout(200);
                InputStream in = s.getInputStream();
                while (System.currentTimeMillis() < deadline) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException quiet) {
                        continue;
                    }
                    if (n < 0) {
                        closed++;
                        break;
                    }
                    bytes += n;
                }
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed + " of " + sockets.size() + " closed by the server; " + bytes / 1024
                + " KiB (of " + sockets.size() * LeanFakeProvider.Profile.BIG.deltas * LeanFakeProvider.Profile.BIG.deltaChars / 1024
                + " KiB of text) still arrived when finally read";
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
