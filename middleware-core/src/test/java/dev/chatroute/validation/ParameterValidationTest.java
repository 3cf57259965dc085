package dev.chatroute.validation;

import static dev.chatroute.testing.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.chatroute.testing.DemoGateway;
import dev.chatroute.testing.RecordingChannel;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional parameters: model, stream, max_tokens, temperature, metadata (CONTRACT §1). */
class ParameterValidationTest {

    private static DemoGateway gateway;

    @BeforeAll
    static void start() {
        gateway = DemoGateway.start("chatroute.output.max-tokens=1000", "chatroute.models.fast=demo/quick",
                // every refused request counts against the minute, and this suite sends many
                "chatroute.limits.requests-per-minute=off");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> refusedParameters() {
        return Stream.of(
                arguments("\"model\":\"gpt-5\"", "model_not_found", "model"),
                arguments("\"model\":\"\"", "invalid_parameter", "model"),
                arguments("\"model\":7", "invalid_parameter", "model"),
                arguments("\"stream\":\"yes\"", "invalid_parameter", "stream"),
                arguments("\"max_tokens\":0", "parameter_out_of_range", "max_tokens"),
                arguments("\"max_tokens\":-5", "parameter_out_of_range", "max_tokens"),
                arguments("\"max_tokens\":1001", "parameter_out_of_range", "max_tokens"),
                arguments("\"max_tokens\":99999999999", "parameter_out_of_range", "max_tokens"),
                arguments("\"max_tokens\":\"100\"", "invalid_parameter", "max_tokens"),
                arguments("\"max_tokens\":1.5", "invalid_parameter", "max_tokens"),
                arguments("\"temperature\":-0.1", "parameter_out_of_range", "temperature"),
                arguments("\"temperature\":2.01", "parameter_out_of_range", "temperature"),
                arguments("\"temperature\":\"hot\"", "invalid_parameter", "temperature"),
                arguments("\"temperature\":true", "invalid_parameter", "temperature"),
                arguments("\"metadata\":\"tag\"", "invalid_parameter", "metadata"),
                arguments("\"metadata\":[\"tag\"]", "invalid_parameter", "metadata"),
                arguments("\"metadata\":{" + entries(17) + "}", "parameter_out_of_range", "metadata"),
                arguments("\"metadata\":{\"n\":1}", "invalid_parameter", "metadata.n"),
                arguments("\"metadata\":{\"nested\":{\"a\":\"b\"}}", "invalid_parameter", "metadata.nested"),
                arguments("\"metadata\":{\"long\":\"" + "x".repeat(513) + "\"}", "invalid_parameter", "metadata.long"),
                arguments("\"metadata\":{\"\":\"empty key\"}", "invalid_parameter", "metadata"),
                // control characters would forge lines in logs and send escape sequences to terminals
                arguments("\"metadata\":{\"tag\":\"a\\r\\nuser=admin\"}", "invalid_metadata", "metadata.tag"),
                arguments("\"metadata\":{\"tag\":\"\\u001b[31mred\"}", "invalid_metadata", "metadata.tag"),
                arguments("\"metadata\":{\"tag\":\"\\u0085next\"}", "invalid_metadata", "metadata.tag"),
                arguments("\"metadata\":{\"tag\":\"a\\u2028b\"}", "invalid_metadata", "metadata.tag"),
                arguments("\"metadata\":{\"tag\":\"tab\\there\"}", "invalid_metadata", "metadata.tag"),
                arguments("\"metadata\":{\"a\\nb\":\"x\"}", "invalid_metadata", "metadata"),
                arguments("\"metadata\":{\"k\\u007f\":\"x\"}", "invalid_metadata", "metadata"));
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @MethodSource("refusedParameters")
    void aBadParameterIsRefusedWithItsCodeAndParam(String field, String code, String param) {
        RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\"," + field + "}");

        assertInvalid(channel, code, param);
    }

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {
        "\"max_tokens\":1", "\"max_tokens\":1000", "\"temperature\":0", "\"temperature\":2", "\"temperature\":0.7",
        "\"model\":\"fast\"", "\"model\":null", "\"stream\":false", "\"metadata\":{}",
        "\"metadata\":{\"city\":\"Zürich, 東京 😀\",\"note\":\"a \\\"quoted\\\" word\"}"})
    void aParameterAtTheEdgeOfItsRangeIsAccepted(String field) {
        RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\"," + field + "}");

        assertThat(channel.status()).as("%s", channel).isEqualTo(200);
    }

    @Test
    void sixteenMetadataEntriesOfTheLongestSizeAreAccepted() {
        String value = "v".repeat(512);
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            metadata.append(i == 0 ? "" : ",").append('"').append(String.format("%064d", i)).append("\":\"")
                    .append(value).append('"');
        }
        RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\",\"metadata\":{" + metadata + "}}");

        assertThat(channel.status()).as("%s", channel).isEqualTo(200);
    }

    @Test
    void theUnknownModelMessageDoesNotEchoALongName() {
        String name = "m".repeat(500);
        RecordingChannel channel = gateway.answer("{\"userMessage\":\"Hi\",\"model\":\"" + name + "\"}");

        assertThat(assertInvalid(channel, "model_not_found", "model").path("message").asText()).doesNotContain(name);
    }

    private static String entries(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return out.toString();
    }
}
