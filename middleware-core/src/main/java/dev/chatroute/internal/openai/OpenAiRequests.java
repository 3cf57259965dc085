package dev.chatroute.internal.openai;

import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpRequest;

/** Builds the HTTP request for one call. The key lives here and goes only into a header. */
public final class OpenAiRequests {

    private final URI endpoint;
    private final String apiKey;

    public OpenAiRequests(URI baseUrl, String apiKey) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    public URI endpoint() {
        return endpoint;
    }

    public HttpRequest build(ProviderRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .header("X-Request-Id", request.requestId())
                .POST(HttpRequest.BodyPublishers.ofString(WireFormat.requestBody(request)));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "OpenAiRequests[" + endpoint + "]";
    }
}
