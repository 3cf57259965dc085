package dev.chatroute.internal.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers written {@code ddd-dd-dddd}, without the numbers never issued: area
 * 000, 666 or 900-999, group 00, serial 0000. Without dashes a nine-digit number is too often
 * something else, so it is not looked for.
 */
final class SsnDetector implements Detector {

    private static final Pattern SSN = Pattern.compile("(?<![0-9A-Za-z-])(\\d{3})-(\\d{2})-(\\d{4})(?![0-9A-Za-z]|-\\d)");

    @Override
    public void find(String text, List<Finding> into) {
        if (text.indexOf('-') < 0) {
            return;
        }
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            String area = m.group(1);
            if (area.equals("000") || area.equals("666") || area.charAt(0) == '9' || m.group(2).equals("00")
                    || m.group(3).equals("0000")) {
                continue;
            }
            into.add(new Finding(PiiType.SSN, m.start(), m.end(), area + m.group(2) + m.group(3)));
        }
    }
}
