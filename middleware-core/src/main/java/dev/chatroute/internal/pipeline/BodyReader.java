package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiError;
import dev.chatroute.spi.HttpCall;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to the configured limit, and no further. */
final class BodyReader {

    private BodyReader() {
    }

    static byte[] read(HttpCall call, int maxBytes) {
        if (call.contentLength() > maxBytes) {
            throw tooLarge(maxBytes); // refused on the declared length, without reading the body
        }
        try (InputStream in = call.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiError.invalidRequest("unreadable_body", "The request body could not be read", null).toException();
        }
    }

    private static dev.chatroute.ApiErrorException tooLarge(int maxBytes) {
        return new ApiError(413, "invalid_request_error", "request_too_large",
                "The request body is larger than " + maxBytes + " bytes", null, null).toException();
    }
}
