package dev.chatroute.internal.identity;

import dev.chatroute.internal.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses whose identity and forwarding headers are believed
 * ({@code chatroute.identity.trusted-proxies}): literal addresses and CIDR ranges, comma-separated;
 * {@code loopback} stands for 127.0.0.0/8 and ::1. No host names: they would need DNS per call, and
 * an address is only ever parsed ({@link IpAddress}), never resolved.
 */
public final class TrustedProxies {

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
        byte[] bytes = IpAddress.parse(address);
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
            if (bytes.length == 4 && address.indexOf(':') >= 0) {
                prefix -= 96; // an IPv4-mapped range such as ::ffff:10.0.0.0/104 is the IPv4 range 10.0.0.0/8
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw ConfigReader.bad(key, value, "has a bad prefix length in '" + cidr + "'");
            }
        }
        return new Range(bytes, prefix);
    }

    /** Whether the address is a literal in a trusted range; a name or other text never is. */
    public boolean trusts(String address) {
        return trustsAddress(IpAddress.parse(address));
    }

    /** Whether these address bytes (from {@link IpAddress#parse}) are in a trusted range. */
    public boolean trustsAddress(byte[] bytes) {
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
