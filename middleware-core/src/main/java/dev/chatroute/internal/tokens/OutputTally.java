package dev.chatroute.internal.tokens;

/**
 * Counts an answer's tokens as its pieces arrive, tokenizing each character about once, and cuts
 * the answer at a cap. Counting each piece on its own would overcount (a provider's pieces split
 * words), and counting the whole text again on every piece costs quadratic time; so text is counted
 * up to the last run of spaces that follows a non-space, where the tokenizer's word boundaries
 * fall (a word takes the space before it, a run of spaces is one token but for its last space, and a
 * line break may join the punctuation before it, so none of those is cut), and the rest waits for
 * the next piece. A tail with no space is counted once it is {@value #LONGEST_TAIL} characters long.
 * Used on one call's loop only.
 */
public final class OutputTally {

    static final int LONGEST_TAIL = 256;
    /** o200k's longest token, in characters (128 bytes): no more text than this per token can fit. */
    static final int LONGEST_TOKEN = 128;

    private final TokenCounter counter;
    private final long cap;
    private final StringBuilder tail = new StringBuilder();
    private long settled;
    private boolean full;

    OutputTally(TokenCounter counter, long cap) {
        this.counter = counter;
        this.cap = cap;
    }

    /**
     * Adds the next piece of the answer.
     *
     * @return the piece, or, when it goes past the cap, its start that fits (perhaps empty); the
     *     tally is then {@link #full()} and takes no more
     */
    public String add(String piece) {
        if (full) {
            return "";
        }
        long settledBefore = settled;
        String tailBefore = tail.toString();
        // Past this many characters the text holds more tokens than may still come, whatever they are:
        // the rest of a long piece (a megabyte without a space costs a second to tokenize) is not counted.
        long room = cap - settledBefore;
        long reach = room >= Long.MAX_VALUE / LONGEST_TOKEN - 1 ? Long.MAX_VALUE : (room + 1) * LONGEST_TOKEN;
        String candidate = piece;
        if (tailBefore.length() + (long) piece.length() > reach) {
            int end = (int) Math.max(0, reach - tailBefore.length());
            if (end > 0 && Character.isHighSurrogate(piece.charAt(end - 1))) {
                end--;
            }
            candidate = piece.substring(0, end);
        } else {
            tail.append(piece);
            settle();
            if (tokens() <= cap) {
                return piece;
            }
        }
        full = true;
        String fits = counter.prefix(tailBefore + candidate, (int) Math.min(Integer.MAX_VALUE, cap - settledBefore));
        String kept = fits.length() > tailBefore.length() ? fits.substring(tailBefore.length()) : "";
        settled = settledBefore + counter.count(tailBefore + kept);
        tail.setLength(0);
        return kept;
    }

    /** The tokens counted so far. */
    public long tokens() {
        return settled + counter.count(tail.toString());
    }

    /** A piece went past the cap: the answer is as long as it may be. */
    public boolean full() {
        return full;
    }

    private void settle() {
        int cut = lastBoundary(tail);
        if (cut > 0) {
            settled += counter.count(tail.substring(0, cut));
            tail.delete(0, cut);
        }
        if (tail.length() > LONGEST_TAIL) {
            settled += counter.count(tail.toString());
            tail.setLength(0);
        }
    }

    /** The start of the last run of spaces that follows something other than whitespace. */
    private static int lastBoundary(CharSequence text) {
        for (int i = text.length() - 1; i > 0; i--) {
            if (text.charAt(i) == ' ' && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
