package dev.chatroute.internal.config;

/**
 * {@code chatroute.upstream.*}: what Chatroute accepts from a provider.
 *
 * @param maxLineBytes the longest line, or event, of a provider's stream; a longer one fails the try
 */
public record UpstreamSettings(int maxLineBytes) {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public static UpstreamSettings read(ConfigReader r) {
        return new UpstreamSettings((int) r.byteSize("chatroute.upstream.max-line-bytes", DEFAULT_MAX_LINE_BYTES,
                1 << 10, 64L << 20));
    }
}
