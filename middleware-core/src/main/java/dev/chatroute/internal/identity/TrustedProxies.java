package dev.chatroute.internal.identity;

import dev.chatroute.internal.config.ConfigReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses whose identity and forwarding headers are believed
 * ({@code chatroute.identity.trusted-proxies}): literal addresses and CIDR ranges, comma-separated;
 * {@code loopback} stands for 127.0.0.0/8 and ::1. No host names: they would need DNS per call.
 */
public final class TrustedProxies {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TrustedProxies parse(String key, String value) {
        List<Range> ranges = new ArrayList<>();
        for (String part : value.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty() || entry.equalsIgnoreCase("none")) {
                continue;
            }
            if (entry.equalsIgnoreCase("loopback")) {
                ranges.add(range(key, value, "127.0.0.0/8"));
                ranges.add(range(key, value, "::1/128"));
            } else {
                ranges.add(range(key, value, entry));
            }
        }
        return new TrustedProxies(ranges);
    }

    private static Range range(String key, String value, String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw ConfigReader.bad(key, value, "must list IP addresses or CIDR ranges (such as 10.0.0.0/8), "
                    + "or loopback; '" + cidr + "' is neither");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw ConfigReader.bad(key, value, "has a bad prefix length in '" + cidr + "'");
            }
        }
        return new Range(bytes, prefix);
    }

    /** The address's bytes, or null when it is not a literal IP address (never a DNS lookup). */
    static byte[] literal(String address) {
        String a = address == null ? "" : address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || !LITERAL.matcher(a).matches() || (a.indexOf(':') < 0 && a.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
