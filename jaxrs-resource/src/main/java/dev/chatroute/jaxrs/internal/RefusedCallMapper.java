package dev.chatroute.jaxrs.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a {@link RefusedCall} with the contract's JSON error, exactly as the core wrote it. */
public final class RefusedCallMapper implements ExceptionMapper<RefusedCall> {

    @Override
    public Response toResponse(RefusedCall refused) {
        return Responses.json(refused.status(), refused.headers(), refused.json());
    }
}
