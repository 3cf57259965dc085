package dev.chatroute.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatroute.ChatMessage;
import dev.chatroute.internal.json.Json;
import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider request's headers are the trace context and nothing else: whatever else a request holds
 * never goes upstream, nor a value that could split a header; and the model a provider names is kept
 * only as a short printable tag.
 */
class TraceHeadersUpstreamTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final OpenAiRequests requests = new OpenAiRequests(URI.create("https://api.example.com/v1"),
            "sk-upstream-SECRET-1");

    @Test
    void onlyTraceparentAndTracestateAreSent() {
        HttpRequest http = requests.build(request(Map.of("traceparent", TRACEPARENT, "tracestate", "a=b",
                "authorization", "Bearer client-SECRET", "cookie", "session=1", "x-forwarded-for", "10.0.0.1")));

        assertThat(http.headers().firstValue("traceparent")).hasValue(TRACEPARENT);
        assertThat(http.headers().firstValue("tracestate")).hasValue("a=b");
        assertThat(http.headers().allValues("Authorization")).containsExactly("Bearer sk-upstream-SECRET-1");
        assertThat(http.headers().map()).doesNotContainKeys("cookie", "x-forwarded-for");
    }

    @Test
    void aTraceValueThatCouldForgeAHeaderOrIsTooLongIsLeftOut() {
        HttpRequest http = requests.build(request(Map.of("traceparent", TRACEPARENT + "\r\nX-Evil: 1",
                "tracestate", "a=" + "b".repeat(600))));

        assertThat(http.headers().map()).doesNotContainKeys("traceparent", "tracestate", "x-evil");
    }

    @Test
    void aRequestWithoutHeadersSendsNoTraceContext() {
        HttpRequest http = requests.build(new ProviderRequest("r1", "m", List.of(ChatMessage.user("Hi")), 10, null,
                true));

        assertThat(http.headers().map()).doesNotContainKeys("traceparent", "tracestate");
    }

    @Test
    void theModelAProviderNamesIsKeptShortAndPrintable() throws Exception {
        assertThat(WireFormat.model(Json.MAPPER.readTree("{\"model\":\"gpt-4o-2024-08-06\"}")))
                .isEqualTo("gpt-4o-2024-08-06");
        assertThat(WireFormat.model(Json.MAPPER.readTree("{\"model\":\"m\\r\\nX: 1 \\u00e9\"}"))).isEqualTo("mX:1");
        assertThat(WireFormat.model(Json.MAPPER.readTree("{\"model\":\"" + "m".repeat(300) + "\"}")))
                .hasSize(WireFormat.MAX_MODEL_CHARS);
        assertThat(WireFormat.model(Json.MAPPER.readTree("{\"model\":42}"))).isNull();
        assertThat(WireFormat.model(Json.MAPPER.readTree("{\"model\":\" \"}"))).isNull();
        assertThat(WireFormat.model(Json.MAPPER.readTree("{}"))).isNull();
    }

    private static ProviderRequest request(Map<String, String> headers) {
        return new ProviderRequest("r1", "m", List.of(ChatMessage.user("Hi")), 10, null, true, headers);
    }
}
