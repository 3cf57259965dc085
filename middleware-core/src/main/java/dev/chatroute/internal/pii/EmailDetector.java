package dev.chatroute.internal.pii;

import java.util.List;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Email addresses: around each {@code @}, the longest plausible local part and domain (bounded, so
 * the scan stays linear), checked by Commons Validator, whose domain check knows the real top-level
 * domains. A local part may begin with letters of alphabetic scripts (Latin, Greek, Cyrillic:
 * {@code müller@...}) so that no part of the name is left behind; the text around an address may be
 * in any script (Japanese text runs up to the address with no space).
 */
final class EmailDetector implements Detector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    @Override
    public void find(String text, List<Finding> into) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++; // "see...bob@x.com": the dots before the address belong to the text
            }
            int end = at + 1;
            while (end < text.length() && end - at <= MAX_DOMAIN && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--; // the full stop after an address ends the sentence, not the domain
            }
            if (start == at || end == at + 1) {
                continue;
            }
            String candidate = text.substring(start, end);
            if (VALIDATOR.isValid(candidate)) {
                int wordStart = start;
                if (wordStart > 0 && isAlphabeticLetter(text.charAt(wordStart - 1))) {
                    // "hans.müller@example.de": the checked part is "ller@...", the address is all of it
                    while (wordStart > 0 && at - wordStart < MAX_LOCAL
                            && (isAlphabeticLetter(text.charAt(wordStart - 1)) || isLocalChar(text.charAt(wordStart - 1)))) {
                        wordStart--;
                    }
                }
                into.add(new Finding(PiiType.EMAIL, wordStart, end,
                        text.substring(wordStart, end).toLowerCase(Locale.ROOT)));
            }
        }
    }

    private static boolean isLocalChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-');
    }

    private static boolean isDomainChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    /** A non-ASCII letter of a script written with spaces between words: part of the address, not the text. */
    private static boolean isAlphabeticLetter(char c) {
        if (c < 128 || !Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK
                || script == Character.UnicodeScript.CYRILLIC;
    }
}
