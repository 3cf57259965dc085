package dev.chatroute;

import dev.chatroute.internal.config.SafeUrl;
import dev.chatroute.internal.config.Secret;
import dev.chatroute.internal.openai.BodyLimits;
import dev.chatroute.internal.openai.OpenAiCall;
import dev.chatroute.internal.openai.OpenAiRequests;
import dev.chatroute.internal.openai.ProviderProfile;
import dev.chatroute.spi.Capability;
import dev.chatroute.spi.ChatProvider;
import dev.chatroute.spi.ProviderCall;
import dev.chatroute.spi.ProviderListener;
import dev.chatroute.spi.ProviderRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that speaks the OpenAI chat completions API ({@code POST {base-url}/chat/completions}):
 * OpenAI itself, Groq, OpenRouter, vLLM, Ollama, Gemini's and Anthropic's compatibility endpoints,
 * LiteLLM and the like. Streams with {@code stream_options.include_usage}; a stream that ends
 * with a finish reason but no {@code [DONE]} is complete, one cut before a finish reason is an error.
 * What it reads is bounded: a stream line or event at 1 MiB ({@code chatroute.upstream.max-line-bytes}
 * for configured providers), a JSON answer at 8 MiB, an error body at 64 KiB.
 *
 * <p>The key is trimmed; one that still holds a control or non-ASCII character is refused here,
 * without being shown, rather than failing every call with an exception that quotes the header.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);

    private final String name;
    private final OpenAiRequests requests;
    private final BodyLimits limits;
    private final Set<Capability> capabilities;
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
        this(name, baseUrl, apiKey, client, profile, BodyLimits.DEFAULT);
    }

    /** As configured: {@code limits} from {@code chatroute.upstream.*}, {@code headers} from its {@code .headers.*}. */
    OpenAiCompatibleProvider(String name, URI baseUrl, String apiKey, HttpClient client, String profile,
            BodyLimits limits) {
        this(name, baseUrl, apiKey, client, profile, limits, Map.of());
    }

    OpenAiCompatibleProvider(String name, URI baseUrl, String apiKey, HttpClient client, String profile,
            BodyLimits limits, Map<String, Secret> headers) {
        this(name, baseUrl, apiKey, client, profile, limits, headers, null);
    }

    /** @param capabilities from {@code .capabilities}, replacing the profile's documented set; null keeps it */
    OpenAiCompatibleProvider(String name, URI baseUrl, String apiKey, HttpClient client, String profile,
            BodyLimits limits, Map<String, Secret> headers, Set<Capability> capabilities) {
        this.name = Objects.requireNonNull(name, "name");
        ProviderProfile named = ProviderProfile.named(Objects.requireNonNull(profile, "profile"));
        if (named == null) {
            throw new IllegalArgumentException("profile '" + profile + "' is not one of " + ProviderProfile.names());
        }
        ProviderProfile p = capabilities == null ? named : named.withCapabilities(capabilities);
        this.capabilities = p.capabilities();
        try {
            this.requests = new OpenAiRequests(Objects.requireNonNull(baseUrl, "baseUrl"), apiKey, p, headers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider " + name + ": " + e.getMessage());
        }
        this.client = Objects.requireNonNull(client, "client");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (requests.sendsKeyInClear()) {
            LOG.warn("Provider {} sends its API key over plain http:// to {}, readable by anyone on the way; use "
                    + "https://, or a loopback address for a server on this machine", name, baseUrl.getHost());
        }
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

    /**
     * What its profile's provider documents (see {@code ProviderProfile}), or what
     * {@code chatroute.providers.<name>.capabilities} says instead.
     */
    @Override
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public ProviderCall call(ProviderRequest request, ProviderListener listener) {
        HttpClient open = client;
        if (open == null) {
            throw new IllegalStateException("provider " + name + " is closed");
        }
        HttpRequest http;
        try {
            http = requests.build(request);
        } catch (IllegalArgumentException e) {
            // The JDK's message quotes the header value it refused, which may be the key: not kept.
            throw new IllegalStateException("provider " + name + " could not build its request: a header value "
                    + "is not allowed in HTTP");
        }
        return OpenAiCall.start(open, http, name, limits, listener);
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleProvider[" + name + " " + SafeUrl.of(requests.endpoint()) + "]";
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
