package dev.chatroute.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The incoming HTTP request, as an adapter (servlet filter, JAX-RS resource) presents it to the
 * core. Adapters translate; the core decides.
 */
public interface HttpCall {

    String method();

    /** The first line of a header, matched without regard to case, or null. */
    String header(String name);

    /**
     * Every line of a header, in the order they came, each as sent (a line's commas are not split);
     * empty when there is none. The core reads lists ({@code X-Forwarded-For}, roles) from all
     * lines, and refuses a repeated header that must be single (a user name). The default, for
     * adapters that cannot tell lines apart, has at most the first.
     */
    default List<String> headers(String name) {
        String first = header(name);
        return first == null ? List.of() : List.of(first);
    }

    /** The declared body length, or -1 when unknown (chunked). */
    long contentLength();

    /** The body; the core reads at most the configured limit plus one byte. */
    InputStream body() throws IOException;

    /** The peer's address, as the container sees it; null where the adapter cannot tell. */
    String remoteAddress();

    /** {@code http} or {@code https}, as the container received the call. */
    default String scheme() {
        return "http";
    }

    /** The authenticated user's name, as the application's SSO set it, or null. */
    default String principalName() {
        return null;
    }

    /** Whether the authenticated user holds this role, as the container knows roles. */
    default boolean isUserInRole(String role) {
        return false;
    }
}
