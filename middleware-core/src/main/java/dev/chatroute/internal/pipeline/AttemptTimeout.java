package dev.chatroute.internal.pipeline;

import dev.chatroute.spi.ProviderException;

/** A Chatroute timeout ended one try of a target; {@link #what()} says which, for the caller's message. */
final class AttemptTimeout extends ProviderException {

    private final String what;

    AttemptTimeout(String provider, String what) {
        super(provider, Kind.TIMEOUT, 0, null, what, null);
        this.what = what;
    }

    /** Such as "sent no first token within 30s". */
    String what() {
        return what;
    }
}
