package dev.chatroute;

/** How a call ended, as recorded in its {@link UsageRecord}. */
public enum Outcome {
    /** The answer was delivered in full. */
    COMPLETED,
    /** Refused before any provider was called (validation, identity, limits). */
    REFUSED,
    /** The provider failed or timed out; the caller got an error. */
    FAILED,
    /** The client went away; the upstream call was cancelled. */
    CLIENT_CANCELLED
}
