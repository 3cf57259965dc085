package dev.chatroute.internal.pii;

/**
 * Character tests shared by the detectors. Word boundaries are ASCII ones: Japanese or Chinese text
 * runs up to a number with no space ({@code 電話は03-1234-5678です}), so a letter of another script
 * next to a value does not make it part of a word.
 */
final class Text {

    private Text() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    /** Whether a value may start at {@code i}: nothing, or no ASCII letter or digit, before it. */
    static boolean wordStartsAt(String text, int i) {
        return i == 0 || !isAsciiAlnum(text.charAt(i - 1));
    }

    /** Whether a value may end at {@code end}: nothing, or no ASCII letter or digit, after it. */
    static boolean wordEndsAt(String text, int end) {
        return end >= text.length() || !isAsciiAlnum(text.charAt(end));
    }
}
