package dev.chatroute.internal.config;

import dev.chatroute.InvalidConfigException;
import java.util.Optional;

/** A value that must never be printed: {@link #toString()} hides it. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /**
     * The secret at {@code key}, if set, checked for start-up: a control character left in it (the
     * newline of a secret file, say) would make every request's header invalid, and the JDK's
     * complaint about it quotes the whole header. The message names the key, never the value.
     */
    public static Optional<Secret> read(ConfigReader r, String key) {
        return r.string(key).map(value -> of(key, value));
    }

    /** As {@link #read}, for a value already in hand; it is trimmed first. */
    public static Secret of(String key, String value) {
        String trimmed = value.trim();
        if (!sendable(trimmed)) {
            throw new InvalidConfigException(key, "contains a control or non-ASCII character (a line break, say, "
                    + "as a secret file saved with a newline leaves); the value is not shown");
        }
        return new Secret(trimmed);
    }

    /**
     * Whether {@code text} is printable ASCII (spaces allowed), as keys are: anything else (a control
     * character, or a character the JDK refuses in a header) would fail every call instead of start-up.
     */
    public static boolean sendable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The value itself, for the one place that sends it to the provider. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
