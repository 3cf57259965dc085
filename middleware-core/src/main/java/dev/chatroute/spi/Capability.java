package dev.chatroute.spi;

/**
 * What a request may need of a provider beyond plain chat. A chain target whose provider lacks a
 * capability a request needs is skipped for that request (CONTRACT §1, {@code unsupported_parameter}).
 */
public enum Capability {
    /** {@code tools}: function calling. */
    TOOLS("tools"),
    /** {@code tool_choice} other than {@code "auto"}. */
    TOOL_CHOICE("tool_choice"),
    /** {@code parallel_tool_calls}. */
    PARALLEL_TOOL_CALLS("parallel_tool_calls"),
    /** {@code response_format} of type {@code json_object}. */
    JSON_OBJECT("response_format"),
    /** {@code response_format} of type {@code json_schema}. */
    JSON_SCHEMA("response_format"),
    /** {@code seed}. */
    SEED("seed"),
    /** Image parts in message content. */
    VISION("messages"),
    /** Token counts at the end of a stream ({@code stream_options.include_usage}). */
    STREAM_USAGE("stream_options");

    private final String param;

    Capability(String param) {
        this.param = param;
    }

    /** The request parameter that needs it, as an error's {@code param} names it. */
    public String param() {
        return param;
    }
}
