package dev.chatroute.testing;

import dev.chatroute.spi.HttpCall;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link HttpCall}, for driving the core without a server. */
public final class TestCall implements HttpCall {

    private final String method;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;
    private long contentLength;
    private String principal = "tester";
    private String remoteAddress = "127.0.0.1";
    private java.util.Set<String> roles = java.util.Set.of();

    private TestCall(String method, byte[] body) {
        this.method = method;
        this.body = body;
        this.contentLength = body.length;
        headers.put("Content-Type", "application/json");
    }

    public static TestCall post(String json) {
        return new TestCall("POST", json.getBytes(StandardCharsets.UTF_8));
    }

    public static TestCall method(String method) {
        return new TestCall(method, new byte[0]);
    }

    public TestCall header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** The signed-in user the container reports; null for a call without one. */
    public TestCall principal(String name, String... roles) {
        this.principal = name;
        this.roles = java.util.Set.of(roles);
        return this;
    }

    public TestCall from(String address) {
        this.remoteAddress = address;
        return this;
    }

    /** Pretends the body length is unknown, as with chunked transfer encoding. */
    public TestCall chunked() {
        this.contentLength = -1;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String principalName() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return roles.contains(role);
    }
}
