package dev.chatroute.internal.guard;

import dev.chatroute.internal.identity.IpAddress;
import java.util.Locale;

/**
 * A {@code Host}-style authority: a name or address, and a port or -1 when none was given. Names
 * are lower-cased and IPv6 literals canonical without their brackets, so equal hosts compare equal.
 */
record HostPort(String host, int port) {

    static final int NONE = -1;

    /** The authority's parts, or null when it is not one ({@code host}, {@code host:port}, {@code [v6]:port}). */
    static HostPort parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return null;
            }
            byte[] v6 = IpAddress.parse(t.substring(0, close + 1));
            if (v6 == null || v6.length != 16) {
                return null;
            }
            host = IpAddress.format(v6);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = t.indexOf(':');
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
            if (host.isEmpty() || !host.chars().allMatch(HostPort::isNameChar)) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
        }
        if (port == null) {
            return new HostPort(host, NONE);
        }
        int number = port(port);
        return number < 0 ? null : new HostPort(host, number);
    }

    /** The port, or this scheme's default when none was given. */
    int portOr(int defaultPort) {
        return port == NONE ? defaultPort : port;
    }

    /** A port number from 1 to 65535, or -1. */
    static int port(String text) {
        if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int number = Integer.parseInt(text);
        return number >= 1 && number <= 65535 ? number : -1;
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    }
}
