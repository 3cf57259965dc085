package dev.chatroute.internal.pipeline;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Echoes a well-formed client {@code X-Request-Id}; otherwise makes a new one. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String accept(String clientValue) {
        if (clientValue != null && ACCEPTED.matcher(clientValue).matches()) {
            return clientValue;
        }
        return generate();
    }

    private String generate() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "req_" + new String(id);
    }
}
