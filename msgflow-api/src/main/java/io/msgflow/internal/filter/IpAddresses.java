package io.msgflow.internal.filter;

/**
 * Parses IPv4 dotted quads and IPv6 text (RFC 4291 forms, {@code ::} compression, a trailing
 * dotted quad) into bytes, without any name lookup. Zone ids ({@code %eth0}) are not addresses.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** The 4 or 16 bytes of an address, or {@code null} when the text is not an IP address. */
    public static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    static byte[] parseV4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int octet = octet(text, start, i);
                if (octet < 0 || part == 4) {
                    return null;
                }
                bytes[part++] = (byte) octet;
                start = i + 1;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static int octet(String text, int start, int end) {
        if (end <= start || end - start > 3) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    static byte[] parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int used = head.length + tail.length;
        if (gap < 0 ? used != 8 : used > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        put(bytes, head, 0);
        put(bytes, tail, 8 - tail.length);
        return bytes;
    }

    private static void put(byte[] bytes, int[] groups, int firstGroup) {
        for (int i = 0; i < groups.length; i++) {
            bytes[2 * (firstGroup + i)] = (byte) (groups[i] >>> 8);
            bytes[2 * (firstGroup + i) + 1] = (byte) groups[i];
        }
    }

    /** The 16-bit groups of a colon-separated run; the last may be a dotted quad when {@code last}. */
    private static int[] groups(String run, boolean last) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        boolean quad = last && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (quad ? 1 : 0)];
        int hexParts = quad ? parts.length - 1 : parts.length;
        for (int i = 0; i < hexParts; i++) {
            groups[i] = hexGroup(parts[i]);
            if (groups[i] < 0) {
                return null;
            }
        }
        if (quad) {
            byte[] v4 = parseV4(parts[parts.length - 1]);
            if (v4 == null) {
                return null;
            }
            groups[hexParts] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            groups[hexParts + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return groups;
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
