package dev.chatroute.validation;

import static dev.chatroute.testing.ContractAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.spi.HttpCall;
import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.TestCall;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Method, media type and body size, refused before any provider is called. */
class HttpRefusalTest {

    private static final int MAX_BYTES = 100;

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.input.max-bytes=" + MAX_BYTES);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aGetIsRefusedWith405AndAnAllowHeader() {
        RecordingChannel channel = gateway.answer(TestCall.method("GET"));

        assertError(channel, 405, "invalid_request_error", "method_not_allowed", null);
        assertThat(channel.headers().get("Allow")).contains("POST");
    }

    @Test
    void aTextPlainBodyIsRefusedWith415() {
        RecordingChannel channel = gateway.answer(TestCall.post("{\"userMessage\":\"Hi\"}")
                .header("Content-Type", "text/plain"));

        assertError(channel, 415, "invalid_request_error", "unsupported_media_type", null);
    }

    @Test
    void aBodyWithoutContentTypeIsRefusedWith415() {
        RecordingChannel channel = gateway.answer(TestCall.post("{\"userMessage\":\"Hi\"}").header("Content-Type", null));

        assertError(channel, 415, "invalid_request_error", "unsupported_media_type", null);
    }

    @Test
    void jsonWithACharsetParameterIsAccepted() {
        RecordingChannel channel = gateway.answer(TestCall.post("{\"userMessage\":\"Hi\"}")
                .header("Content-Type", "Application/JSON; charset=UTF-8"));

        assertThat(channel.status()).isEqualTo(200);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWith413WithoutReadingTheBody() {
        AtomicLong read = new AtomicLong();

        RecordingChannel channel = gateway.answer(endlessBody(10_000_000, read));

        assertError(channel, 413, "invalid_request_error", "request_too_large", null);
        assertThat(read).hasValue(0);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() {
        String body = "{\"userMessage\":\"" + "x".repeat(MAX_BYTES) + "\"}";

        RecordingChannel channel = gateway.answer(TestCall.post(body).chunked());

        assertError(channel, 413, "invalid_request_error", "request_too_large", null);
    }

    @Test
    void anEndlessChunkedBodyIsRefusedAfterReadingJustPastTheLimit() {
        AtomicLong read = new AtomicLong();

        RecordingChannel channel = gateway.answer(endlessBody(-1, read));

        assertError(channel, 413, "invalid_request_error", "request_too_large", null);
        assertThat(read.get()).isBetween((long) MAX_BYTES + 1, (long) MAX_BYTES + 8192);
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        String prefix = "{\"userMessage\":\"";
        String body = prefix + "x".repeat(MAX_BYTES - prefix.length() - 2) + "\"}";
        assertThat(body).hasSize(MAX_BYTES);

        assertThat(gateway.answer(TestCall.post(body).chunked()).status()).isEqualTo(200);
        assertThat(gateway.answer(TestCall.post(body)).status()).isEqualTo(200);
    }

    /** A call whose body never ends, counting what is read; {@code length} is what it declares. */
    private static HttpCall endlessBody(long length, AtomicLong read) {
        return new HttpCall() {
            @Override
            public String method() {
                return "POST";
            }

            @Override
            public String header(String name) {
                return name.equalsIgnoreCase("Content-Type") ? "application/json" : null;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public InputStream body() {
                return new InputStream() {
                    @Override
                    public int read() {
                        read.incrementAndGet();
                        return ' ';
                    }
                };
            }

            @Override
            public String remoteAddress() {
                return "127.0.0.1";
            }

            // A signed-in user, as TestCall has, so that only the body is at fault (no @Override: the
            // method is a default one of HttpCall's).
            public String principalName() {
                return "tester";
            }
        };
    }
}
