package dev.chatroute.internal.openai;

import dev.chatroute.internal.config.SafeUrl;
import dev.chatroute.internal.config.Secret;
import dev.chatroute.internal.tracing.TraceHeaders;
import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the HTTP request for one call. The key lives here and goes only into a header. */
public final class OpenAiRequests {

    /** The only headers of a {@link ProviderRequest} sent upstream: the W3C trace context. */
    private static final Set<String> TRACE_HEADERS = Set.of(TraceHeaders.TRACEPARENT, TraceHeaders.TRACESTATE);

    private final URI endpoint;
    private final String apiKey;
    private final ProviderProfile profile;
    /** The provider's own headers ({@code chatroute.providers.<name>.headers.*}), checked at start-up. */
    private final Map<String, Secret> headers;

    public OpenAiRequests(URI baseUrl, String apiKey) {
        this(baseUrl, apiKey, ProviderProfile.named(ProviderProfile.DEFAULT));
    }

    public OpenAiRequests(URI baseUrl, String apiKey, ProviderProfile profile) {
        this(baseUrl, apiKey, profile, Map.of());
    }

    /**
     * @throws IllegalArgumentException when the key holds a character no header may carry (the
     *     message does not show it)
     */
    public OpenAiRequests(URI baseUrl, String apiKey, ProviderProfile profile, Map<String, Secret> headers) {
        this.endpoint = endpoint(baseUrl, profile);
        String key = apiKey == null ? "" : apiKey.trim();
        if (!Secret.sendable(key)) {
            throw new IllegalArgumentException("the API key contains a control or non-ASCII character (a line "
                    + "break, say); the key is not shown");
        }
        this.apiKey = key.isEmpty() ? null : key;
        this.profile = profile;
        this.headers = Map.copyOf(headers);
    }

    /** {@code {base-url}/chat/completions}, keeping a query the base URL carries and adding the profile's. */
    private static URI endpoint(URI baseUrl, ProviderProfile profile) {
        String base = baseUrl.toString();
        int q = base.indexOf('?');
        String path = q < 0 ? base : base.substring(0, q);
        String query = q < 0 ? "" : base.substring(q + 1);
        if (profile.apiVersion() != null) {
            query = query.isEmpty() ? "api-version=" + profile.apiVersion()
                    : query + "&api-version=" + profile.apiVersion();
        }
        return URI.create((path.endsWith("/") ? path : path + "/") + "chat/completions"
                + (query.isEmpty() ? "" : "?" + query));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether the key would cross the network unencrypted: plain {@code http://} to a host that is not this one. */
    public boolean sendsKeyInClear() {
        return apiKey != null && "http".equals(endpoint.getScheme().toLowerCase(Locale.ROOT))
                && !Loopback.isLoopback(endpoint.getHost());
    }

    public HttpRequest build(ProviderRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .header("X-Request-Id", request.requestId())
                .POST(HttpRequest.BodyPublishers.ofString(WireFormat.requestBody(request, profile.streamUsage())));
        headers.forEach((name, value) -> builder.header(name, value.reveal()));
        request.headers().forEach((name, value) -> {
            if (TRACE_HEADERS.contains(name) && TraceHeaders.sendable(value)) {
                builder.header(name, value);
            }
        });
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
        return "OpenAiRequests[" + SafeUrl.of(endpoint) + "]";
    }
}
