package dev.chatroute.internal.openai;

import java.util.Locale;

/**
 * Whether a URL's host is this machine, judged from the name alone (no DNS lookup at start-up):
 * {@code localhost} and its subdomains, {@code 127.0.0.0/8}, {@code ::1}.
 */
public final class Loopback {

    private Loopback() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        return h.matches("(0{0,4}:){2,7}0{0,3}1") || h.equals("::1");
    }
}
