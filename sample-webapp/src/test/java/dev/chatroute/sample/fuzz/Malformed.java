package dev.chatroute.sample.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile request parts, drawn from a seeded {@link Random}: bodies that are almost a chat
 * request, JSON that is not, bytes that are not text; header sets with repeated, odd and
 * forged lines. Each stays valid HTTP, so it reaches the application rather than the
 * container's own parser.
 */
final class Malformed {

    private static final String[] FIELDS = {"userMessage", "messages", "model", "stream", "max_tokens",
        "temperature", "metadata", "role", "content", "tools", "n", "__proto__", "", "userMessage "};
    private static final String[] ROLES = {"user", "assistant", "system", "tool", "USER", "", "developer"};
    private static final String[] ODD_STRINGS = {"", " ", "\\u0000", "\\ud800", "\\udfff\\ud800", "\\r\\n",
        "\\u001b[31m", "\\u2028", "${jndi:ldap://x}", "%00", "../../etc/passwd", "<script>", "default",
        "chatroute-demo", "demo", "é", "😀", "\\\"", "a".repeat(300)};
    private static final String[] ODD_NUMBERS = {"0", "-1", "1e999", "-0", "1.5", "9223372036854775808",
        "2147483648", "1E2", "0.0000001", "NaN", "Infinity", "01", "1_000", "+1", "16"};

    private Malformed() {
    }

    /** A request body: mostly near-misses of a valid one, some plain garbage. */
    static byte[] body(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> randomBytes(r, r.nextInt(600));
            case 1 -> invalidUtf8InAString(r);
            case 2 -> deepNesting(r);
            case 3 -> fragments(r).getBytes(StandardCharsets.UTF_8);
            default -> nearMiss(r).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A valid request with one to three of its parts replaced, removed, doubled or retyped. */
    static String nearMiss(Random r) {
        List<String> members = new ArrayList<>(List.of(
                "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]", "\"model\":\"default\"",
                "\"stream\":" + r.nextBoolean(), "\"max_tokens\":16", "\"temperature\":0.5",
                "\"metadata\":{\"page\":\"home\"}"));
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = r.nextInt(members.size());
            switch (r.nextInt(5)) {
                case 0 -> members.remove(at);
                case 1 -> members.add(members.get(at)); // a duplicate key
                case 2 -> members.set(at, quote(pick(r, FIELDS)) + ":" + value(r, 3));
                case 3 -> members.set(at, members.get(at).split(":", 2)[0] + ":" + value(r, 3));
                default -> members.add(r.nextInt(members.size() + 1), "\"messages\":[" + message(r) + "]");
            }
            if (members.isEmpty()) {
                break;
            }
        }
        if (r.nextInt(6) == 0) {
            members.add("\"userMessage\":" + value(r, 1));
        }
        String body = "{" + String.join(",", members) + "}";
        return r.nextInt(10) == 0 ? body.substring(0, r.nextInt(body.length() + 1)) : body; // sometimes cut short
    }

    private static String message(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> value(r, 2);
            case 1 -> "{\"role\":" + quote(pick(r, ROLES)) + "}";
            case 2 -> "{\"role\":" + quote(pick(r, ROLES)) + ",\"content\":" + value(r, 2) + "}";
            default -> "{\"role\":\"user\",\"content\":" + quote(pick(r, ODD_STRINGS)) + ",\"name\":\"x\"}";
        };
    }

    /** Any JSON value, nested at most {@code depth} deep. */
    static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(r.nextBoolean());
            case 2 -> pick(r, ODD_NUMBERS);
            case 3, 4 -> quote(pick(r, ODD_STRINGS));
            case 5 -> {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(value(r, depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(quote(pick(r, FIELDS)) + ":" + value(r, depth - 1));
                }
                yield "{" + String.join(",", items) + "}";
            }
        };
    }

    private static String fragments(Random r) {
        String[] parts = {"{", "}", "[", "]", ":", ",", "\"", "\"userMessage\"", "\"messages\"", "null", "true",
            "1e999", "\\", "\\u", "/*", "*/", "//", "'x'", "NaN", " ", "\n"};
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            b.append(pick(r, parts));
        }
        return b.toString();
    }

    private static byte[] deepNesting(Random r) {
        int depth = 100 + r.nextInt(20_000);
        String open = r.nextBoolean() ? "[" : "{\"messages\":";
        return ("{\"messages\":" + open.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8InAString(Random r) {
        byte[] head = "{\"userMessage\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = randomBytes(r, 1 + r.nextInt(8));
        bad[0] = (byte) (0x80 | r.nextInt(0x80)); // a continuation byte with no start: never valid UTF-8
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    /** Header lines for a call: the signed-in user, then repeated, forged and odd lines. */
    static List<Map.Entry<String, String>> headers(Random r) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        if (r.nextInt(5) != 0) {
            lines.add(Map.entry("X-Test-User", "fuzz-" + r.nextInt(3)));
        }
        String[][] choices = {
            {"Content-Type", "application/json", "application/json; charset=utf-8", "text/plain", "application/json;",
                "application/json; charset=latin1", "APPLICATION/JSON", "application/jsonx", "*/*", ";", "multipart/form-data; boundary=x"},
            {"Accept", "text/event-stream", "application/json", "*/*", "text/event-stream;q=0", "x/y, text/event-stream", ""},
            {"Origin", "null", "http://127.0.0.1", "https://evil.example", "http://127.0.0.1:1", "file://", "http://[::1]",
                "http://127.0.0.1:PORT", " ", "http://user@127.0.0.1"},
            {"X-Request-Id", "abc", "", "a".repeat(65), "../x", "id with space", "é", "ok-id.1_2"},
            {"X-Forwarded-For", "1.2.3.4", "001.2.3.4", "::ffff:1.2.3.4", "cafe", "bad.beef", "1.2.3.4, 5.6.7.8", "unknown",
                "[2001:db8::1]", "2001:db8::1%eth0", ""},
            {"X-Forwarded-Proto", "https", "http", "gopher", ""},
            {"Forwarded", "for=1.2.3.4;proto=https", "for=\"[2001:db8::1]\"", "garbage", "for=unknown;host=x"},
            {"X-Forwarded-User", "mallory", "", "a,b"},
            {"X-Test-Roles", "admin", "a,b,c", ""},
            {"Sec-Fetch-Site", "cross-site", "same-origin", "none", "same-site"},
            {"Referer", "https://evil.example/page", "http://127.0.0.1/"},
            {"Cookie", "JSESSIONID=x", "a=b; c=d"},
        };
        for (int i = r.nextInt(6); i > 0; i--) {
            String[] choice = choices[r.nextInt(choices.length)];
            int repeats = r.nextInt(4) == 0 ? 2 : 1;
            for (int k = 0; k < repeats; k++) {
                lines.add(Map.entry(choice[0], choice[1 + r.nextInt(choice.length - 1)]));
            }
        }
        if (lines.stream().noneMatch(h -> h.getKey().equals("Content-Type")) && r.nextInt(4) != 0) {
            lines.add(Map.entry("Content-Type", "application/json"));
        }
        if (r.nextInt(8) == 0) {
            lines.add(Map.entry("X-Odd-" + r.nextInt(100), randomVisible(r, r.nextInt(4000))));
        }
        return lines;
    }

    private static String randomVisible(Random r, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x21 + r.nextInt(0x7e - 0x21)));
        }
        return b.toString();
    }

    private static byte[] randomBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }
}
