package dev.chatroute;

/**
 * The root of every exception Chatroute throws. Messages never contain an API key, an
 * {@code Authorization} header or a provider's raw error body.
 */
public class ChatrouteException extends RuntimeException {

    public ChatrouteException(String message) {
        super(message);
    }

    public ChatrouteException(String message, Throwable cause) {
        super(message, cause);
    }
}
