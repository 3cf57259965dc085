package dev.chatroute.sample.contract;

import java.nio.charset.StandardCharsets;

/** The bytes of a raw HTTP/1.1 chat call, for clients that leave on a socket of their own. */
public final class LeavingClient {

    private LeavingClient() {
    }

    public static byte[] post(String path, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] bytes = new byte[head.length() + json.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, head.length());
        System.arraycopy(json, 0, bytes, head.length(), json.length);
        return bytes;
    }
}
