package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream line, and an event of several data lines, are bounded in bytes; past the bound nothing more is kept. */
class StreamLimitsTest {

    private final List<String> events = new ArrayList<>();
    private int overflows;
    private final SseParser parser = new SseParser((name, data) -> events.add(data), 16, () -> overflows++);
    private final LineSplitter lines = new LineSplitter(16, new LineSplitter.Sink() {
        @Override
        public void line(String line, int bytes) {
            parser.line(line, bytes);
        }

        @Override
        public void tooLong() {
            overflows++;
        }
    });

    @Test
    void aLineOfExactlyTheLimitPasses() {
        feed("data: 0123456789\n\n"); // 16 bytes

        assertThat(events).containsExactly("0123456789");
        assertThat(overflows).isZero();
    }

    @Test
    void aLongerLineIsToldOnceAndNothingAfterItIsRead() {
        feed("data: 0123456789A", "BCDEF\n\ndata: ok\n\n");
        lines.end();
        parser.end();

        assertThat(overflows).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aLineIsCountedInBytesNotCharacters() {
        feed("data: \u00e9\u00e9\u00e9\u00e9\u00e9\n\n"); // 6 + 10 bytes
        assertThat(overflows).isZero();

        feed("data: \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\n\n"); // 6 + 12 bytes
        assertThat(overflows).isEqualTo(1);
    }

    @Test
    void anEventsDataLinesAddUpTowardsTheLimit() {
        feed("data: 12345\ndata: 12345\ndata: 12345\ndata: 12345\n\n"); // 5+1+5+1+5+1+5 = 23 bytes of data

        assertThat(overflows).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void theCountStartsAgainWithEachEvent() {
        feed("data: 1234567890\n\ndata: 1234567890\n\ndata: 1234567890\n\n");

        assertThat(events).hasSize(3);
        assertThat(overflows).isZero();
    }

    private void feed(String... packets) {
        for (String packet : packets) {
            lines.feed(ByteBuffer.wrap(packet.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
