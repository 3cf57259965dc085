package dev.chatroute;

import dev.chatroute.internal.openai.OpenAiCall;
import dev.chatroute.internal.openai.OpenAiRequests;
import dev.chatroute.internal.openai.ProviderProfile;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * A provider that speaks the OpenAI chat completions API ({@code POST {base-url}/chat/completions}):
 * OpenAI itself, Groq, OpenRouter, vLLM, Ollama, Gemini's and Anthropic's compatibility endpoints,
 * LiteLLM and the like. Streams with {@code stream_options.include_usage}; a stream that ends
 * with a finish reason but no {@code [DONE]} is complete, one cut before a finish reason is an error.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {

    private final String name;
    private final OpenAiRequests requests;
    /** Dropped at {@link #close()}: see there. */
    private volatile HttpClient client;

    /**
     * @param apiKey sent as {@code Authorization: Bearer ...}; null for providers that need none
     *     (a local Ollama or vLLM)
     * @param client shared by the providers of one gateway; its connect timeout applies
     */
    public OpenAiCompatibleProvider(String name, URI baseUrl, String apiKey, HttpClient client) {
        this(name, baseUrl, apiKey, client, ProviderProfile.DEFAULT);
    }

    /**
     * @param profile a provider profile ({@code openai}, {@code azure}, {@code groq}, ... see the README):
     *     how the key is sent and which optional fields the provider accepts
     */
    public OpenAiCompatibleProvider(String name, URI baseUrl, String apiKey, HttpClient client, String profile) {
        this.name = Objects.requireNonNull(name, "name");
        ProviderProfile p = ProviderProfile.named(Objects.requireNonNull(profile, "profile"));
        if (p == null) {
            throw new IllegalArgumentException("profile '" + profile + "' is not one of " + ProviderProfile.names());
        }
        this.requests = new OpenAiRequests(Objects.requireNonNull(baseUrl, "baseUrl"), apiKey, p);
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A provider with an HTTP client of its own (HTTP/1.1, the given connect timeout). */
    public static OpenAiCompatibleProvider create(String name, URI baseUrl, String apiKey, Duration connectTimeout) {
        return new OpenAiCompatibleProvider(name, baseUrl, apiKey, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        HttpClient open = client;
        if (open == null) {
            throw new IllegalStateException("provider " + name + " is closed");
        }
        return OpenAiCall.start(open, requests.build(request), name, request.stream(), listener);
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleProvider[" + name + " " + requests.endpoint() + "]";
    }

    /**
     * Lets go of the HTTP client. On Java 17 a client's selector thread ends only once the client is
     * unreachable; an application that is undeployed may leave objects behind that still point here
     * (a call's callbacks in the client's own queues do), so the reference is cut, not just unused.
     */
    @Override
    public void close() {
        client = null;
    }
}
