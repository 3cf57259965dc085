package dev.chatroute;

import java.util.Map;

/** A refused or failed call, carrying the contract error the caller will see. */
public class ApiErrorException extends ChatrouteException {

    private final transient ApiError error;
    private final transient Map<String, String> headers;

    public ApiErrorException(ApiError error) {
        this(error, Map.of());
    }

    /** @param headers extra response headers, such as {@code RateLimit} on a 429 */
    public ApiErrorException(ApiError error, Map<String, String> headers) {
        super(error.status() + " " + error.type() + "/" + error.code() + ": " + error.message());
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public ApiError error() {
        return error;
    }

    /** Response headers that belong with this error. */
    public Map<String, String> headers() {
        return headers;
    }
}
