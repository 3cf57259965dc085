package dev.chatroute.internal.config;

/** A value that must never be printed: {@link #toString()} hides it. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value;
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
