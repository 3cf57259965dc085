package dev.chatroute.internal.pipeline;

import dev.chatroute.ApiErrorException;
import dev.chatroute.internal.errors.ContractError;
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
            throw ContractError.UNREADABLE_BODY.error().toException();
        }
    }

    private static ApiErrorException tooLarge(int maxBytes) {
        return ContractError.REQUEST_TOO_LARGE.error("The request body is larger than " + maxBytes + " bytes")
                .toException();
    }
}
