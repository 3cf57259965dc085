package dev.chatroute.internal.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * IP address literals. IPv4: exactly four dotted numbers of at most 255 ({@code 1.2.3} or
 * {@code 1.2.3.4.5}, version numbers, are not addresses). IPv6: a run of hex digits, colons and
 * dots that Commons Validator accepts and that has at least three groups, so that {@code ::1},
 * clock times ({@code 12:30:45}) and code ({@code a::b}) are left alone.
 */
final class IpDetector implements Detector {

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9A-Za-z.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?![0-9A-Za-z]|\\.\\d)");
    private static final int MAX_IPV6 = 45;
    private static final InetAddressValidator VALIDATOR = InetAddressValidator.getInstance();

    @Override
    public void find(String text, List<Finding> into) {
        if (text.indexOf('.') >= 0) {
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                if (VALIDATOR.isValidInet4Address(m.group())) {
                    into.add(new Finding(PiiType.IP, m.start(), m.end(), m.group()));
                }
            }
        }
        if (text.indexOf(':') >= 0) {
            findIpv6(text, into);
        }
    }

    private static void findIpv6(String text, List<Finding> into) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isIpv6Char(text.charAt(i)) || !Text.wordStartsAt(text, i)) {
                i++;
                continue;
            }
            int end = i;
            int colons = 0;
            while (end < n && isIpv6Char(text.charAt(end))) {
                colons += text.charAt(end) == ':' ? 1 : 0;
                end++;
            }
            int last = end;
            while (last > i && text.charAt(last - 1) == '.') {
                last--; // "... from 2001:db8::1." ends a sentence
            }
            if (last > i + 1 && text.charAt(last - 1) == ':' && text.charAt(last - 2) != ':') {
                last--; // "2001:db8::7: the gateway" introduces what follows
            }
            if (colons >= 2 && last - i <= MAX_IPV6 && Text.wordEndsAt(text, end)) {
                String candidate = text.substring(i, last);
                if (groups(candidate) >= 3 && VALIDATOR.isValidInet6Address(candidate)) {
                    into.add(new Finding(PiiType.IP, i, last, candidate.toLowerCase(Locale.ROOT)));
                }
            }
            i = end + 1;
        }
    }

    private static int groups(String candidate) {
        int groups = 0;
        for (String part : candidate.split("[:.]")) {
            groups += part.isEmpty() ? 0 : 1;
        }
        return groups;
    }

    private static boolean isIpv6Char(char c) {
        return Text.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }
}
