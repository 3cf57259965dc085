package dev.chatroute.jaxrs.internal;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds JAX-RS responses from what the core decided. */
public final class Responses {

    private Responses() {
    }

    public static Response json(int status, Map<String, String> headers, String json) {
        Response.ResponseBuilder builder = json.isEmpty() ? Response.status(status)
                : Response.status(status).entity(json).type(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
