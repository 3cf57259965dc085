package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The event-stream rules the provider's stream is read by (WHATWG server-sent events). */
class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser((name, data) -> events.add(name + "|" + data));

    @Test
    void severalDataLinesAreJoinedWithANewline() {
        lines("data: first", "data: second", "data:third", "");

        assertThat(events).containsExactly("|first\nsecond\nthird");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        lines("data:  two spaces", "", "data", "");

        assertThat(events).containsExactly("| two spaces", "|");
    }

    @Test
    void commentsAreIgnored() {
        lines(": keepalive", "data: a", ": OPENROUTER PROCESSING", "data: b", "", ": bye", "");

        assertThat(events).containsExactly("|a\nb");
    }

    @Test
    void anEventNameAppliesToItsEventOnly() {
        lines("event: error", "data: {\"error\":{}}", "", "data: next", "");

        assertThat(events).containsExactly("error|{\"error\":{}}", "|next");
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothingAndForgetsTheName() {
        lines("", "event: ping", "", "id: 7", "retry: 10", "", "data: x", "");

        assertThat(events).containsExactly("|x");
    }

    @Test
    void dataNotClosedByABlankLineIsDeliveredAtTheEnd() {
        lines("data: [DONE]");
        assertThat(events).isEmpty();

        parser.end();

        assertThat(events).containsExactly("|[DONE]");
    }

    @Test
    void theEndAfterACompleteEventDeliversNothingMore() {
        lines("data: a", "");

        parser.end();

        assertThat(events).containsExactly("|a");
    }

    @Test
    void crLfLineEndsAreHandledByTheLineSubscriberEvenWhenSplitAcrossPackets() {
        feed("data: {\"a\":1}\r", "\n\r\ndata: b1\r\nda", "ta: b2\r\n\r", "\ndata: tail");

        assertThat(events).containsExactly("|{\"a\":1}", "|b1\nb2", "|tail");
    }

    @Test
    void bareCarriageReturnsEndLinesToo() {
        feed("data: a\r\rdata: b\r\r");

        assertThat(events).containsExactly("|a", "|b");
    }

    @Test
    void aCharacterSplitAcrossPacketsIsDecodedWhole() {
        byte[] bytes = "data: caf\u00e9 \uD83D\uDE00\n\n".getBytes(StandardCharsets.UTF_8);
        int inE = "data: caf".length() + 1; // between the two bytes of the e-acute
        int inEmoji = "data: caf\u00e9 ".getBytes(StandardCharsets.UTF_8).length + 2; // inside the emoji

        feed(slice(bytes, 0, inE), slice(bytes, inE, inEmoji), slice(bytes, inEmoji, bytes.length));

        assertThat(events).containsExactly("|caf\u00e9 \uD83D\uDE00");
    }

    private void lines(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    private void feed(String... packets) {
        byte[][] bytes = new byte[packets.length][];
        for (int i = 0; i < packets.length; i++) {
            bytes[i] = packets[i].getBytes(StandardCharsets.UTF_8);
        }
        feed(bytes);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    /** Feeds bytes through the JDK's line subscriber, as {@link OpenAiCall} does. */
    private void feed(byte[]... packets) {
        BodySubscriber<Void> body = BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                parser.line(line);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
                parser.end();
            }
        }, s -> null, StandardCharsets.UTF_8, null);
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        for (byte[] packet : packets) {
            body.onNext(List.of(ByteBuffer.wrap(packet)));
        }
        body.onComplete();
    }
}
