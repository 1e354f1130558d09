package io.msgflow.internal.filter;

/**
 * The {@code cidr} operator: an IPv4 or IPv6 network ({@code 10.0.0.0/24}, {@code 2001:db8::/32}).
 * Matches string values holding an address of the same family inside the network. Host bits set
 * in the block ({@code 10.0.0.7/24}) are ignored.
 */
public final class CidrBlock implements ValuePredicate {
    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/bits}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("needs exactly one '/' between address and prefix length");
        }
        byte[] address = IpAddresses.parse(text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text.substring(0, slash) + "' is not an IPv4 or IPv6 address");
        }
        int bits = prefixLength(text.substring(slash + 1), address.length * 8);
        return new CidrBlock(address, bits);
    }

    private static int prefixLength(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("prefix length '" + text + "' is not a number");
        }
        int bits = Integer.parseInt(text);
        if (bits > max) {
            throw new IllegalArgumentException("prefix length " + bits + " exceeds " + max);
        }
        return bits;
    }

    @Override
    public boolean test(FieldValue value) {
        if (value.kind() != FieldValue.Kind.STRING) {
            return false;
        }
        byte[] address = IpAddresses.parse(value.text());
        return address != null && address.length == network.length && inNetwork(address);
    }

    private boolean inNetwork(byte[] address) {
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
