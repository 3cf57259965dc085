package dev.chatroute.internal.pii;

import java.util.List;

/**
 * Finds one type of personal data in a text. A detector is shared by all calls and must be safe to
 * use from many threads; it must take time roughly proportional to the text's length, whatever the
 * text (no regular expression that can backtrack without bound).
 */
interface Detector {

    void find(String text, List<Finding> into);
}
