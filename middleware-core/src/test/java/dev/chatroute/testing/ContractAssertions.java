package dev.chatroute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks that an answer is the contract's error (CONTRACT §1, "Errors"). */
public final class ContractAssertions {

    private ContractAssertions() {
    }

    /**
     * Asserts a JSON error with this status, type, code and param ({@code null}: no param), that
     * carries the request id of its {@code X-Request-Id} header. Returns the error object.
     */
    public static JsonNode assertError(RecordingChannel channel, int status, String type, String code, String param) {
        assertThat(channel.streamed()).as("a stream was opened instead of an error: %s", channel).isFalse();
        assertThat(channel.status()).as("status of %s", channel).isEqualTo(status);
        assertThat(channel.headers().get("Content-Type")).isEqualTo("application/json");
        JsonNode error = channel.body().path("error");
        assertThat(error.path("type").asText()).as("type").isEqualTo(type);
        assertThat(error.path("code").asText()).as("code").isEqualTo(code);
        assertThat(error.path("message").asText()).as("message").isNotBlank();
        if (param == null) {
            assertThat(error.has("param")).as("param of %s", error).isFalse();
        } else {
            assertThat(error.path("param").asText()).as("param").isEqualTo(param);
        }
        String requestId = channel.headers().get("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(error.path("requestId").asText()).isEqualTo(requestId);
        return error;
    }

    /** {@link #assertError} for a 400 {@code invalid_request_error}. */
    public static JsonNode assertInvalid(RecordingChannel channel, String code, String param) {
        return assertError(channel, 400, "invalid_request_error", code, param);
    }
}
