package dev.chatroute.internal.limits;

/** The bucket store did not answer (in time); the message is safe to log (it holds no password). */
final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
