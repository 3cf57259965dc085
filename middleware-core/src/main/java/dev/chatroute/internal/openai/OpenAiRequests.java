package dev.chatroute.internal.openai;

import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpRequest;

/** Builds the HTTP request for one call. The key lives here and goes only into a header. */
public final class OpenAiRequests {

    private final URI endpoint;
    private final String apiKey;
    private final ProviderProfile profile;

    public OpenAiRequests(URI baseUrl, String apiKey) {
        this(baseUrl, apiKey, ProviderProfile.named(ProviderProfile.DEFAULT));
    }

    public OpenAiRequests(URI baseUrl, String apiKey, ProviderProfile profile) {
        String base = baseUrl.toString();
        String query = profile.apiVersion() == null ? "" : "?api-version=" + profile.apiVersion();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions" + query);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.profile = profile;
    }

    public URI endpoint() {
        return endpoint;
    }

    public HttpRequest build(ProviderRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .header("X-Request-Id", request.requestId())
                .POST(HttpRequest.BodyPublishers.ofString(WireFormat.requestBody(request, profile.streamUsage())));
        if (apiKey != null) {
            if (profile.auth() == ProviderProfile.Auth.API_KEY_HEADER) {
                builder.header("api-key", apiKey); // Azure OpenAI
            } else {
                builder.header("Authorization", "Bearer " + apiKey);
            }
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "OpenAiRequests[" + endpoint + "]";
    }
}
