package dev.chatroute.internal.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines at LF, CR or CRLF (the event-stream rule), decoding each line
 * as UTF-8 once it is whole. Splitting bytes is safe for UTF-8: no multi-byte character contains
 * a CR or LF byte. Not thread-safe: the HTTP client delivers one buffer at a time.
 */
final class LineSplitter {

    private final Consumer<String> onLine;
    private byte[] pending = new byte[256];
    private int length;
    private boolean afterCr;

    LineSplitter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                if (!afterCr) {
                    emit();
                }
                afterCr = false;
            } else if (b == '\r') {
                emit();
                afterCr = true;
            } else {
                afterCr = false;
                if (length == pending.length) {
                    pending = Arrays.copyOf(pending, length * 2);
                }
                pending[length++] = b;
            }
        }
    }

    /** The stream ended: a last line without a terminator still counts. */
    void end() {
        if (length > 0) {
            emit();
        }
    }

    private void emit() {
        String line = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        onLine.accept(line);
    }
}
