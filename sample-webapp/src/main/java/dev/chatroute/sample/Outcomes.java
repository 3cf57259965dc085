package dev.chatroute.sample;

import dev.chatroute.GuardOutcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a gateway's verdict on an admin or metrics request to the servlet response. */
final class Outcomes {

    private Outcomes() {
    }

    /** The outcome's headers (the request id, on a refusal the JSON error's); and, when refused, its error. */
    static void write(GuardOutcome outcome, HttpServletResponse response) throws IOException {
        outcome.headers().forEach(response::setHeader);
        if (outcome.allowed()) {
            return;
        }
        byte[] body = outcome.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(outcome.status());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String requestId(GuardOutcome outcome) {
        return outcome.headers().get("X-Request-Id");
    }
}
