package dev.chatroute.openai;

import static dev.chatroute.testing.FakeGateway.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatroute.testing.FakeGateway;
import dev.chatroute.testing.RecordingChannel;
import dev.chatroute.testing.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A provider that fails becomes the contract's 502, 503 or error event, without its raw body. */
class UpstreamErrorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeGateway gateway = FakeGateway.start();

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void aProvider500BecomesA503WithoutTheProvidersMessage() {
        gateway.fake().enqueue(Reply.error(500, "server_error", "Database shard 7 on fire"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(503);
        JsonNode error = channel.body().path("error");
        assertThat(error.path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(error.path("requestId").asText()).isEqualTo(channel.headers().get("X-Request-Id"));
        assertThat(channel.json()).doesNotContain("shard");
        assertThat(channel.headers()).doesNotContainKey("Retry-After");
    }

    @Test
    void aProvider500EndsAStreamWithAnErrorEvent() {
        gateway.fake().enqueue(Reply.error(500, "server_error", "Database shard 7 on fire"));

        RecordingChannel channel = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(channel.status()).isEqualTo(200);
        assertThat(channel.eventNames()).containsExactly("meta", "error");
        assertThat(channel.event("error").json().path("error").path("type").asText())
                .isEqualTo("upstream_unavailable");
        assertThat(channel.event("error").data()).doesNotContain("shard");
    }

    @Test
    void aProvider429WithRetryAfterBecomesA503WithRetryAfter() {
        gateway.fake().enqueue(Reply.error(429, "rate_limit_exceeded", "Slow down").header("Retry-After", "7"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(503);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(channel.headers()).containsEntry("Retry-After", "7");
    }

    @Test
    void aRetryAfterInMillisecondsIsRoundedUpToWholeSeconds() {
        gateway.fake().enqueue(Reply.error(429, "rate_limit_exceeded", "Slow down").header("retry-after-ms", "1200"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.headers()).containsEntry("Retry-After", "2");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void aProviderRefusalThatRetryingCannotFixBecomesA502(int status) {
        gateway.fake().enqueue(Reply.error(status, "invalid_request_error", "You sent something odd"));

        RecordingChannel channel = gateway.post(ask("Hi", false)).await(WAIT);

        assertThat(channel.status()).isEqualTo(502);
        assertThat(channel.body().path("error").path("type").asText()).isEqualTo("upstream_error");
        assertThat(channel.json()).doesNotContain("odd");
        assertThat(gateway.fake().callCount()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionBecomesA503() throws IOException {
        gateway.close();
        gateway = FakeGateway.start("chatroute.providers.f.base-url=http://127.0.0.1:" + closedPort() + "/v1");

        RecordingChannel plain = gateway.post(ask("Hi", false)).await(WAIT);
        RecordingChannel stream = gateway.post(ask("Hi", true)).await(WAIT);

        assertThat(plain.status()).isEqualTo(503);
        assertThat(plain.body().path("error").path("type").asText()).isEqualTo("upstream_unavailable");
        assertThat(stream.eventNames()).containsExactly("meta", "error");
        assertThat(stream.event("error").json().path("error").path("type").asText())
                .isEqualTo("upstream_unavailable");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
