package dev.chatroute;

/**
 * A {@code chatroute.*} key that no version of Chatroute knows, usually a typo; thrown at start-up.
 * The message names the key and the nearest known one, never the value (it may be a secret).
 */
public final class UnknownSettingException extends InvalidConfigException {

    private final String nearest;

    /** @param nearest the known key closest to {@code key}, or null when there is none to suggest */
    public UnknownSettingException(String key, String nearest) {
        super(key, "unknown setting");
        this.nearest = nearest;
    }

    /** The known key closest to the unknown one, or null. */
    public String nearest() {
        return nearest;
    }

    @Override
    public String getMessage() {
        return "Unknown setting '" + key() + "'" + (nearest == null ? "" : "; did you mean '" + nearest + "'?");
    }
}
