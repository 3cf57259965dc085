package dev.chatroute.spi;

import dev.chatroute.ChatrouteException;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider call that failed. The message is Chatroute's own words: never the provider's raw
 * error body, never a key.
 */
public class ProviderException extends ChatrouteException {

    /** What went wrong, which decides how the caller is answered. */
    public enum Kind {
        /** No connection could be made, or it broke before an answer began. */
        CONNECTION,
        /** The provider answered with an HTTP error status. */
        HTTP_STATUS,
        /** The stream broke off before a finish reason arrived. */
        STREAM_CUT,
        /** The provider's answer could not be understood. */
        PROTOCOL,
        /** A Chatroute timeout ended the call. */
        TIMEOUT
    }

    private final String provider;
    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    public ProviderException(String provider, Kind kind, int status, Duration retryAfter, String message,
            Throwable cause) {
        super("provider " + provider + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public static ProviderException of(String provider, Kind kind, String message) {
        return new ProviderException(provider, kind, 0, null, message, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** How long the provider asked us to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
