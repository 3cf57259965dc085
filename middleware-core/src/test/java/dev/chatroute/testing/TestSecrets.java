package dev.chatroute.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets tests use (API keys, client keys, passwords), so that {@link SecretLeakCheck} can
 * fail any test that lets one reach a log. A secret is known either by shape (it contains
 * {@code -SECRET}, the project's convention for test keys, such as {@code sk-test-SECRET123}) or
 * because a test registered it with {@link #register}.
 */
public final class TestSecrets {

    /** A run of key characters around the marker: the whole key, for the failure message's mask. */
    private static final Pattern SHAPED = Pattern.compile("[A-Za-z0-9_.~+/=-]*-SECRET[A-Za-z0-9_.~+/=-]*");
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private TestSecrets() {
    }

    /** Registers a secret that does not follow the naming convention; returns it, for inline use. */
    public static String register(String secret) {
        if (secret.length() < 6) {
            throw new IllegalArgumentException("a secret this short would match ordinary text");
        }
        REGISTERED.add(secret);
        return secret;
    }

    /** The secrets found in {@code text}, each masked (first and last two characters) for a message. */
    public static List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher shaped = SHAPED.matcher(text);
        while (shaped.find()) {
            found.add(mask(shaped.group()));
        }
        for (String secret : REGISTERED) {
            if (text.contains(secret)) {
                found.add(mask(secret));
            }
        }
        return found;
    }

    static String mask(String secret) {
        return secret.length() <= 6 ? "***" : secret.substring(0, 2) + "***" + secret.substring(secret.length() - 2);
    }
}
