package dev.chatroute.testing;

import dev.chatroute.spi.HttpCall;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link HttpCall}, for driving the core without a server. */
public final class TestCall implements HttpCall {

    private final String method;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;
    private long contentLength;
    private String principal = "tester";
    private String remoteAddress = "127.0.0.1";
    private String scheme = "http";
    private java.util.Set<String> roles = java.util.Set.of();

    private TestCall(String method, byte[] body) {
        this.method = method;
        this.body = body;
        this.contentLength = body.length;
        header("Content-Type", "application/json");
    }

    public static TestCall post(String json) {
        return new TestCall("POST", json.getBytes(StandardCharsets.UTF_8));
    }

    public static TestCall method(String method) {
        return new TestCall(method, new byte[0]);
    }

    /** Sets a header to this one line (null removes it). */
    public TestCall header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, new ArrayList<>(List.of(value)));
        }
        return this;
    }

    /** Adds another line of a header, below those it has, as a proxy that adds its own line does. */
    public TestCall addHeader(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
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

    /** The scheme the container received the call on ({@code http} unless told). */
    public TestCall scheme(String scheme) {
        this.scheme = scheme;
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
        List<String> lines = headers.get(name);
        return lines == null || lines.isEmpty() ? null : lines.get(0);
    }

    @Override
    public List<String> headers(String name) {
        List<String> lines = headers.get(name);
        return lines == null ? List.of() : List.copyOf(lines);
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
    public String scheme() {
        return scheme;
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
