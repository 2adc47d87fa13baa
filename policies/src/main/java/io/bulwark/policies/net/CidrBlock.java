package io.bulwark.policies.net;

/**
 * A range of addresses written as {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address ({@code 127.0.0.1}
 * meaning {@code /32}, {@code ::1} meaning {@code /128}).
 *
 * <p>Host bits beyond the prefix are refused rather than masked: {@code 192.168.1.10/24} in a list of trusted proxies
 * is more likely a typo for one host than a wish to trust 256, and trusting too much is the failure that matters.
 */
public final class CidrBlock {

    private final IpAddress network;
    private final int prefixLength;

    private CidrBlock(IpAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static CidrBlock parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address range");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        IpAddress address = IpAddress.parse(addressPart);
        if (address == null || addressPart.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address range");
        }
        int bits = address.length() * 8;
        int prefix = slash < 0 ? bits : parsePrefix(trimmed.substring(slash + 1), bits, text);
        if (!hostBitsClear(address, prefix)) {
            throw new IllegalArgumentException("'" + text + "' has bits set beyond its /" + prefix
                    + " prefix; write the network address, or the single host without a prefix");
        }
        return new CidrBlock(address, prefix);
    }

    public boolean contains(IpAddress address) {
        if (address == null || address.length() != network.length()) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address.byteAt(i) != network.byteAt(i)) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (address.byteAt(fullBytes) & mask) == network.byteAt(fullBytes);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock that && prefixLength == that.prefixLength && network.equals(that.network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + prefixLength;
    }

    private static int parsePrefix(String digits, int maxBits, String original) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + original + "' has no valid prefix length after '/'");
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > maxBits) {
            throw new IllegalArgumentException("'" + original + "' has a prefix longer than " + maxBits + " bits");
        }
        return prefix;
    }

    private static boolean hostBitsClear(IpAddress address, int prefix) {
        for (int bit = prefix; bit < address.length() * 8; bit++) {
            if ((address.byteAt(bit / 8) & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }
}
