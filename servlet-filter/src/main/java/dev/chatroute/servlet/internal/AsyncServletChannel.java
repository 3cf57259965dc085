package dev.chatroute.servlet.internal;

import dev.chatroute.spi.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the core's answer to an async servlet response. Events follow the SSE rules: CR and LF
 * stripped from names, one {@code data:} line per payload line, a flush after each event. An
 * {@link IOException} from a write means the client left; the core then cancels the call.
 */
public final class AsyncServletChannel implements ResponseChannel {

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Callbacks callbacks;

    public AsyncServletChannel(AsyncContext async) {
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
    }

    @Override
    public void sendJson(int status, Map<String, String> headers, String json) {
        try {
            response.setStatus(status);
            applyHeaders(headers);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            if (body.length > 0) {
                response.getOutputStream().write(body);
            }
        } catch (IOException | IllegalStateException clientGoneOrCommitted) {
            // nothing more can reach this client
        } finally {
            complete();
        }
    }

    @Override
    public void bind(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void openStream(Map<String, String> headers) {
        response.setStatus(HttpServletResponse.SC_OK);
        applyHeaders(headers);
        try {
            response.flushBuffer();
        } catch (IOException e) {
            clientGone();
        }
    }

    @Override
    public boolean sendEvent(String event, String data) {
        StringBuilder out = new StringBuilder(data.length() + 32);
        out.append("event: ").append(event.replace("\r", "").replace("\n", "")).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        out.append('\n');
        return write(out.toString());
    }

    @Override
    public boolean sendComment(String text) {
        return write(": " + text.replace("\r", "").replace("\n", "") + "\n\n");
    }

    @Override
    public void closeStream() {
        complete();
    }

    private boolean write(String text) {
        if (completed.get()) {
            clientGone();
            return true;
        }
        try {
            ServletOutputStream out = response.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | IllegalStateException e) {
            clientGone();
        }
        return true;
    }

    private void clientGone() {
        Callbacks c = callbacks;
        if (c != null) {
            c.clientGone();
        }
    }

    private void applyHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.setHeader(name, value);
            }
        });
    }

    /** Ends the async cycle once, whoever asks first (the core, or a container event). */
    public void complete() {
        if (completed.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                // the container ended it first (error or timeout dispatch)
            }
        }
    }
}
