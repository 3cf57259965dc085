package dev.chatroute.internal.config;

/** What a request may contain. */
public record InputSettings(
        int maxBytes,
        int maxTokens,
        int maxMessages,
        int maxOutputTokens,
        boolean allowSystemMessages,
        String systemPrompt) {

    static InputSettings read(ConfigReader r) {
        return new InputSettings(
                (int) r.byteSize("chatroute.input.max-bytes", 65_536, 64, 64L << 20),
                r.integer("chatroute.input.max-tokens", 8_000, 1, 10_000_000),
                r.integer("chatroute.input.max-messages", 200, 1, 10_000),
                r.integer("chatroute.output.max-tokens", 4_096, 1, 1_000_000),
                r.bool("chatroute.input.allow-system-messages", false),
                r.string("chatroute.system-prompt").orElse(null));
    }
}
