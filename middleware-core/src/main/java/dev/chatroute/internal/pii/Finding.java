package dev.chatroute.internal.pii;

/**
 * One piece of personal data in a text: where it is, and a normal form under which the same value
 * written another way (an email in capitals, a phone number with other spacing) is the same value.
 */
record Finding(PiiType type, int start, int end, String key) {

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
