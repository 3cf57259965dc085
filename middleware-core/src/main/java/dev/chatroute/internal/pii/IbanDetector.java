package dev.chatroute.internal.pii;

import java.util.List;
import java.util.Locale;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, written together ({@code DE89370400440532013000}) or in groups split by single spaces
 * ({@code DE89 3704 0044 0532 0130 00}): a country code and two check digits, then letters and
 * digits, checked by Commons Validator (the country's length and format, and the mod-97 checksum).
 */
final class IbanDetector implements Detector {

    private static final int MIN_LENGTH = 15;
    private static final int MAX_LENGTH = 34;
    private static final IBANValidator VALIDATOR = IBANValidator.getInstance();

    @Override
    public void find(String text, List<Finding> into) {
        int n = text.length();
        int i = 0;
        while (i + 4 <= n) {
            if (!startsIban(text, i)) {
                i++;
                continue;
            }
            int found = longestValid(text, i);
            if (found > 0) {
                into.add(new Finding(PiiType.IBAN, i, found, compact(text, i, found)));
                i = found;
            } else {
                i++;
            }
        }
    }

    /** Two letters and two digits at the start of a word. */
    private static boolean startsIban(String text, int i) {
        return Text.wordStartsAt(text, i)
                && isLetter(text.charAt(i)) && isLetter(text.charAt(i + 1))
                && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3));
    }

    /**
     * The end of the longest valid IBAN from {@code start} that ends where a group ends, or -1: a
     * word after the IBAN ("DE89 ... 00 BIC") must not spoil it. At most 34 characters are read.
     */
    private static int longestValid(String text, int start) {
        StringBuilder compact = new StringBuilder();
        int found = -1;
        int j = start;
        while (j < text.length() && compact.length() <= MAX_LENGTH) {
            char c = text.charAt(j);
            if (isLetter(c) || isDigit(c)) {
                compact.append(Character.toUpperCase(c));
                j++;
                boolean groupEnds = Text.wordEndsAt(text, j);
                if (groupEnds && compact.length() >= MIN_LENGTH && VALIDATOR.isValid(compact.toString())) {
                    found = j;
                }
            } else if (c == ' ' && j + 1 < text.length() && (isLetter(text.charAt(j + 1)) || isDigit(text.charAt(j + 1)))) {
                j++;
            } else {
                break;
            }
        }
        return found;
    }

    private static String compact(String text, int start, int end) {
        StringBuilder key = new StringBuilder();
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c != ' ') {
                key.append(c);
            }
        }
        return key.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean isLetter(char c) {
        return Text.isAsciiLetter(c);
    }

    private static boolean isDigit(char c) {
        return Text.isDigit(c);
    }
}
