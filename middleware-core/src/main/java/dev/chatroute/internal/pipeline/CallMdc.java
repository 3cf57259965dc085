package dev.chatroute.internal.pipeline;

import org.slf4j.MDC;

/**
 * Puts a call's request id in the SLF4J MDC ({@code chatrouteRequestId}) while this thread works
 * for the call, so every log line of it, Chatroute's and a listener's, can name the call; and puts
 * back whatever the thread had before (a container thread may be working for another call, or the
 * application may use the key itself).
 */
final class CallMdc implements AutoCloseable {

    private final String previous;

    private CallMdc(String requestId) {
        this.previous = MDC.get(CallLoop.MDC_KEY);
        MDC.put(CallLoop.MDC_KEY, requestId);
    }

    static CallMdc of(String requestId) {
        return new CallMdc(requestId);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(CallLoop.MDC_KEY);
        } else {
            MDC.put(CallLoop.MDC_KEY, previous);
        }
    }
}
