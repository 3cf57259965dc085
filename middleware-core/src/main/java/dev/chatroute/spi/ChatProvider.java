package dev.chatroute.spi;

/**
 * An upstream model provider: answers or streams one chat completion per {@link #call call}.
 *
 * <p>Implementations must not block the calling thread, must deliver exactly one terminal
 * callback ({@link ProviderListener#onComplete} or {@link ProviderListener#onError}) unless the
 * call is cancelled, and must never put an API key in an exception message or a log line.
 */
public interface ChatProvider extends AutoCloseable {

    /** The name that model chains use, such as {@code openai} in {@code openai/gpt-4o-mini}. */
    String name();

    /** Starts the call. Callbacks arrive one at a time, in order, on any thread. */
    ProviderCall call(ProviderRequest request, ProviderListener listener);

    /**
     * Whether this provider can honour a request that needs {@code capability}. A provider that
     * cannot is skipped for such a request, as a chain skips an open circuit. The default says yes:
     * a provider written in code is trusted to handle what it is sent.
     */
    default boolean supports(Capability capability) {
        return true;
    }

    /** Releases what the provider holds; in-flight calls are cancelled. */
    @Override
    default void close() {
    }
}
