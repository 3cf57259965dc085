package dev.chatroute.internal.config;

import java.net.URI;

/**
 * A URL as it may be shown in a message or a log line: without user-info, query or fragment, which
 * is where credentials hide ({@code https://user:pass@host}, {@code ?key=...}). Works on text that
 * does not even parse, since that is when a configuration error quotes it.
 */
public final class SafeUrl {

    static final String HIDDEN = "[hidden]";

    private SafeUrl() {
    }

    public static String of(URI uri) {
        return of(uri.toString());
    }

    public static String of(String url) {
        String out = url;
        // Up to the last '@' first: a password may itself hold '/', '?' or '#'. Should the '@' be in a
        // path or query instead, more is hidden than needed, which is harmless.
        int scheme = out.indexOf("//");
        int authorityStart = scheme < 0 ? 0 : scheme + 2;
        int at = out.lastIndexOf('@');
        if (at >= authorityStart) {
            out = out.substring(0, authorityStart) + HIDDEN + out.substring(at);
        }
        int query = indexOfAny(out, '?', '#');
        if (query >= 0) {
            out = out.substring(0, query) + "?" + HIDDEN;
        }
        return out;
    }

    private static int indexOfAny(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
