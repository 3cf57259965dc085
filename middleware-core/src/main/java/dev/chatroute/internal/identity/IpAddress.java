package dev.chatroute.internal.identity;

import java.util.Arrays;

/**
 * IP address literals, parsed by hand so that nothing is ever resolved: {@code InetAddress.getByName}
 * would look up a name such as "cafe" or "bad.beef" in DNS, once per call. IPv4 is a dotted quad of
 * decimal numbers (leading zeros are decimal, so {@code 001.2.3.4} is {@code 1.2.3.4}); IPv6 is
 * RFC 4291 text, with {@code ::} and an embedded dotted quad, optionally in brackets. Zone ids
 * ({@code fe80::1%eth0}) are refused: they name an interface of the sender, not a client. An
 * IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) is that IPv4 address.
 */
public final class IpAddress {

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    private IpAddress() {
    }

    /** The address's 4 or 16 bytes (4 for an IPv4-mapped address), or null when it is not a literal. */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String a = text.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
            return a.indexOf(':') < 0 ? null : unmapped(ipv6(a));
        }
        return a.indexOf(':') >= 0 ? unmapped(ipv6(a)) : ipv4(a);
    }

    /**
     * A forwarding hop's address ({@code X-Forwarded-For}, {@code Forwarded: for=}), where some
     * proxies add a port ({@code 1.2.3.4:5678}, {@code [2001:db8::1]:5678}); null when not a literal.
     */
    public static byte[] parseHop(String hop) {
        if (hop == null) {
            return null;
        }
        String h = hop.trim();
        int close = h.indexOf("]:");
        if (h.startsWith("[") && close > 0) {
            h = h.substring(0, close + 1);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':'));
        }
        return parse(h);
    }

    /** The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, the longest zero run as {@code ::}). */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The canonical text of a literal, or null when it is not one. */
    public static String canonical(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? null : format(bytes);
    }

    /** A copy of the address with every bit after the first {@code prefix} cleared. */
    public static byte[] network(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            network[i] &= (byte) (0xFF << (8 - bits));
        }
        return network;
    }

    private static byte[] unmapped(byte[] address) {
        if (address != null && Arrays.equals(address, 0, 12, MAPPED_PREFIX, 0, 12)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int given = head.length + tail.length;
        if (gap < 0 ? given != 8 : given > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(bytes, 8 - tail.length + i, tail[i]);
        }
        return bytes;
    }

    /** The 16-bit groups of one side of {@code ::}; a dotted quad may end the address's last side. */
    private static int[] groups(String side, boolean mayEndInIpv4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int last = parts.length - 1;
        boolean ipv4 = mayEndInIpv4 && parts[last].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (ipv4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (ipv4 && i == last) {
                byte[] quad = ipv4(parts[i]);
                if (quad == null) {
                    return null;
                }
                groups[i] = ((quad[0] & 0xFF) << 8) | (quad[1] & 0xFF);
                groups[i + 1] = ((quad[2] & 0xFF) << 8) | (quad[3] & 0xFF);
                continue;
            }
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddress::isHex)) {
                return null;
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        return groups;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }
}
