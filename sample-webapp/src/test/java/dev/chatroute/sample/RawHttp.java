package dev.chatroute.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a bare socket: sends exactly the header lines it is given (repeated ones, odd ones,
 * any order), which {@code java.net.http} refuses to, and reads the whole answer.
 */
public final class RawHttp {

    /** An answer: status, header lines in order (names lower-cased), and the de-chunked body. */
    public record Response(int status, List<Map.Entry<String, String>> headers, String body, String request) {

        public String header(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String everything() {
            return "to " + request + "\n" + status + " " + headers + "\n" + body;
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public Response send(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            boolean host = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Host"));
            if (!host) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            for (Map.Entry<String, String> h : headers) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer before it reads the body (a 413, say) and close: read that answer.
            }
            return parse(socket.getInputStream().readAllBytes(), method + " " + path + " " + headers);
        } catch (IOException e) {
            throw new AssertionError("the server did not answer " + method + " " + path + ": " + e, e);
        }
    }

    private static Response parse(byte[] raw, String request) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete header in " + raw.length + " bytes: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim()));
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream().anyMatch(h -> h.getKey().equals("transfer-encoding")
                && h.getValue().toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8),
                request);
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray(); // cut short: keep what came
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.skip(2);
        }
    }
}
