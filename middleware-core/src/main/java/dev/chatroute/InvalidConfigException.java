package dev.chatroute;

/** A setting that cannot be used; thrown at start-up, naming the key and (unless secret) the value. */
public class InvalidConfigException extends ChatrouteException {

    private final String key;

    public InvalidConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
