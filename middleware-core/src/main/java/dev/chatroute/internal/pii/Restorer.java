package dev.chatroute.internal.pii;

import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Puts a call's original values back in place of its placeholders in the answer the user sees,
 * piece by piece as a stream arrives: a piece that ends with what could still become one of this
 * call's placeholders ({@code "... write to [EMA"}) keeps that end back until the next piece says
 * what it is. Only a suffix that is the start of a placeholder actually issued is held, so at most
 * the longest placeholder's length less one character. A placeholder the call did not issue (the
 * model invented {@code [EMAIL_9]}) stays as it is. Used on the call's loop only.
 */
public final class Restorer {

    /** Gives the text back as it is: nothing was redacted, or the originals are not to be restored. */
    public static final Restorer NONE = new Restorer(Map.of());

    private final Map<String, String> originals;
    private final NavigableSet<String> placeholders;
    private final int longest;
    private String held = "";

    Restorer(Map<String, String> originals) {
        this.originals = Map.copyOf(originals);
        this.placeholders = new TreeSet<>(originals.keySet());
        this.longest = placeholders.stream().mapToInt(String::length).max().orElse(0);
    }

    /** The text to show now for the next piece of a stream; may be empty while a placeholder is open. */
    public String next(String piece) {
        if (originals.isEmpty()) {
            return piece;
        }
        String text = held.isEmpty() ? piece : held + piece;
        int cut = holdFrom(text);
        held = text.substring(cut);
        return restore(text.substring(0, cut));
    }

    /** What is still held at the end of the stream, however it ends. */
    public String rest() {
        String rest = held;
        held = "";
        return rest; // never a whole placeholder: that would have been restored already
    }

    /** A whole answer, restored at once. */
    public String whole(String text) {
        return originals.isEmpty() ? text : restore(text);
    }

    /** Where the held-back suffix starts: the last '[' if what follows may still grow into a placeholder. */
    private int holdFrom(String text) {
        int open = text.lastIndexOf('[');
        if (open < 0 || text.length() - open >= longest) {
            return text.length();
        }
        String tail = text.substring(open);
        String next = placeholders.ceiling(tail);
        return next != null && next.startsWith(tail) && next.length() > tail.length() ? open : text.length();
    }

    private String restore(String text) {
        if (text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = Placeholders.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String original = originals.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
        }
        return m.appendTail(out).toString();
    }
}
