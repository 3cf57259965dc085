package dev.chatroute.internal.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at LF, CR or CRLF (the event-stream rule), decoding each line
 * as UTF-8 once it is whole. Splitting bytes is safe for UTF-8: no multi-byte character contains
 * a CR or LF byte. A line longer than {@code maxBytes} is not kept: {@link Sink#tooLong()} is told
 * once and everything after it is ignored. Not thread-safe: the HTTP client delivers one buffer at
 * a time.
 */
final class LineSplitter {

    /** Where lines go. */
    interface Sink {
        /** One line, without its terminator, and its length in bytes. */
        void line(String line, int bytes);

        /** A line went past the limit; no more lines follow. */
        void tooLong();
    }

    private final Sink sink;
    private final int maxBytes;
    private byte[] pending = new byte[256];
    private int length;
    private boolean afterCr;
    private boolean overflowed;

    LineSplitter(int maxBytes, Sink sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining() && !overflowed) {
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
                if (length == maxBytes) {
                    overflowed = true;
                    pending = null;
                    sink.tooLong();
                    return;
                }
                if (length == pending.length) {
                    pending = Arrays.copyOf(pending, (int) Math.min(maxBytes, 2L * length));
                }
                pending[length++] = b;
            }
        }
    }

    /** The stream ended: a last line without a terminator still counts. */
    void end() {
        if (length > 0 && !overflowed) {
            emit();
        }
    }

    private void emit() {
        String line = new String(pending, 0, length, StandardCharsets.UTF_8);
        int bytes = length;
        length = 0;
        sink.line(line, bytes);
    }
}
