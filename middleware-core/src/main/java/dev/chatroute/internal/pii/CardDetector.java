package dev.chatroute.internal.pii;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

/**
 * Payment card numbers: 13 to 19 digits, written together or in groups split by single spaces or
 * dashes, that pass Commons Validator's issuer and Luhn checks (Visa, Mastercard, Amex, Discover,
 * Diners, JCB, UnionPay). 20 digits or more written together are some other number and are left alone.
 */
final class CardDetector implements Detector {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final CreditCardValidator VALIDATOR = new CreditCardValidator(new CreditCardRange[] {
        new CreditCardRange("34", null, 15, 15), new CreditCardRange("37", null, 15, 15), // Amex
        new CreditCardRange("4", null, new int[] {13, 16, 19}), // Visa
        new CreditCardRange("51", "55", 16, 16), new CreditCardRange("2221", "2720", 16, 16), // Mastercard
        new CreditCardRange("6011", null, 16, 19), new CreditCardRange("644", "649", 16, 19),
        new CreditCardRange("65", null, 16, 19), // Discover
        new CreditCardRange("300", "305", 14, 19), new CreditCardRange("36", null, 14, 19),
        new CreditCardRange("38", "39", 16, 19), // Diners
        new CreditCardRange("3528", "3589", 16, 19), // JCB
        new CreditCardRange("62", null, 16, 19), // UnionPay
    });

    @Override
    public void find(String text, List<Finding> into) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) || !Text.wordStartsAt(text, i)) {
                i++;
                continue;
            }
            List<int[]> groups = groups(text, i); // {start, end} of each group of digits
            findIn(text, groups, into);
            i = groups.get(groups.size() - 1)[1];
        }
    }

    /** The groups of a run of digits joined by single spaces or dashes, from {@code start}. */
    private static List<int[]> groups(String text, int start) {
        List<int[]> groups = new ArrayList<>();
        int j = start;
        while (true) {
            int groupStart = j;
            while (j < text.length() && isDigit(text.charAt(j))) {
                j++;
            }
            groups.add(new int[] {groupStart, j});
            boolean joined = j + 1 < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '-')
                    && isDigit(text.charAt(j + 1));
            if (!joined) {
                return groups;
            }
            j++;
        }
    }

    /**
     * The cards among consecutive groups, longest first from the left: "4111 1111 1111 1111 123"
     * (a card, then its security code) still yields the card. Each start tries at most 19 groups.
     */
    private static void findIn(String text, List<int[]> groups, List<Finding> into) {
        int last = groups.size() - 1;
        boolean endsWord = Text.wordEndsAt(text, groups.get(last)[1]);
        int a = 0;
        while (a <= last) {
            int matched = -1;
            String number = null;
            StringBuilder digits = new StringBuilder();
            for (int b = a; b <= last && digits.length() <= MAX_DIGITS; b++) {
                digits.append(text, groups.get(b)[0], groups.get(b)[1]);
                boolean boundary = b < last || endsWord;
                if (boundary && digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS
                        && VALIDATOR.isValid(digits.toString())) {
                    matched = b;
                    number = digits.toString();
                }
            }
            if (matched < 0) {
                a++;
                continue;
            }
            into.add(new Finding(PiiType.CARD, groups.get(a)[0], groups.get(matched)[1], number));
            a = matched + 1;
        }
    }

    private static boolean isDigit(char c) {
        return Text.isDigit(c);
    }
}
