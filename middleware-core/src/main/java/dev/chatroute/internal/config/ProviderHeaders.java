package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import dev.chatroute.internal.tracing.TraceHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code chatroute.providers.<name>.headers.<Header-Name>}: static headers a provider is sent on every
 * call ({@code OpenAI-Organization}, OpenRouter's {@code HTTP-Referer}...). Checked at start-up so that a
 * bad one fails there, not on every call; values may be secrets, so no message shows one.
 */
public final class ProviderHeaders {

    /** RFC 7230 {@code token}: the characters a header name may hold. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** Headers Chatroute sets itself, or that would break the call if set twice or wrongly. */
    private static final Set<String> OWNED = Set.of("authorization", "api-key", "content-type", "content-length",
            "host", "accept", "connection", "x-request-id", "transfer-encoding", "proxy-authorization",
            TraceHeaders.TRACEPARENT, TraceHeaders.TRACESTATE);

    private static final URI PROBE = URI.create("http://localhost/");

    private ProviderHeaders() {
    }

    /** The headers set under {@code prefix} ({@code chatroute.providers.<name>.headers.}), in name order. */
    static Map<String, Secret> read(ConfigReader r, String prefix) {
        Map<String, Secret> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : r.config().asMap().keySet()) {
            if (!key.startsWith(prefix) || r.string(key).isEmpty()) {
                continue;
            }
            String name = key.substring(prefix.length());
            check(key, name);
            if (headers.containsKey(name)) {
                throw new InvalidConfigException(key, "sets header " + name + " a second time (header names ignore case)");
            }
            String value = r.string(key).get().trim();
            if (!Secret.sendable(value)) {
                throw new InvalidConfigException(key, "contains a control or non-ASCII character (a line break, say); "
                        + "the value is not shown");
            }
            headers.put(name, new Secret(value));
        }
        return Collections.unmodifiableMap(headers);
    }

    private static void check(String key, String name) {
        if (!TOKEN.matcher(name).matches()) {
            throw new InvalidConfigException(key, "'" + name + "' is not a header name (letters, digits and "
                    + "!#$%&'*+-.^_`|~ only)");
        }
        if (OWNED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidConfigException(key, "header " + name + " is set by Chatroute itself and cannot be "
                    + "configured");
        }
        try {
            HttpRequest.newBuilder(PROBE).header(name, "x"); // the JDK client's own refusals (Expect, Upgrade...)
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, "header " + name + " is restricted by the JDK's HTTP client");
        }
    }
}
