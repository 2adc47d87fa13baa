package io.bulwark.policies.net;

import io.bulwark.policies.model.CidrBlock;
import java.util.List;

/**
 * Who the client is: the TCP peer, unless the peer is a trusted proxy, in which case the rightmost hop of the
 * forwarding header that is not itself a trusted proxy.
 *
 * <p>Only the configured header is read. A proxy that appends to {@code X-Forwarded-For} passes a client's own
 * {@code Forwarded} header through untouched (and the other way round), so reading "whichever is present" would hand
 * the choice of client address to the client. Most proxies (NGINX, HAProxy, Envoy, cloud load balancers) append to
 * {@code X-Forwarded-For}, hence the default.
 *
 * <p>Headers are scanned from the right and only as far as the first untrusted hop: every element examined was written
 * by a trusted proxy, so an attacker's text to its left (unbalanced quotes, garbage, a million commas) is never parsed.
 * When a trusted proxy reports a hop that is not an address ({@code for=unknown}, an obfuscated {@code _id}, garbage),
 * the client is the nearest trusted hop: an address, never a value the client chose.
 */
public final class ClientIpResolver {

    /** Which forwarding header the trusted proxies write. */
    public enum ForwardingHeader { X_FORWARDED_FOR, FORWARDED }

    /** A real chain has a handful of proxies; beyond this the nearest trusted hop is the answer. */
    static final int MAX_HOPS = 32;
    /** Bounds the work on a padded header whose elements are all empty. */
    static final int MAX_SCANNED_CHARS = 16 * 1024;

    private final CidrBlock[] trustedProxies;
    private final ForwardingHeader header;

    /** Reads {@code X-Forwarded-For} behind the trusted proxies. */
    public ClientIpResolver(List<CidrBlock> trustedProxies) {
        this(trustedProxies, ForwardingHeader.X_FORWARDED_FOR);
    }

    public ClientIpResolver(List<CidrBlock> trustedProxies, ForwardingHeader header) {
        this.trustedProxies = trustedProxies.toArray(CidrBlock[]::new);
        this.header = header;
    }

    /**
     * @param peerAddress   the connection's remote address as the container reports it
     * @param xForwardedFor every {@code X-Forwarded-For} line, in order; may be empty
     * @param forwarded     every {@code Forwarded} line, in order; may be empty
     * @return the client address in canonical form (RFC 5952 for IPv6); the peer text unchanged when the container
     * reported something that is not an address (a Unix socket, say)
     */
    public String resolve(String peerAddress, List<String> xForwardedFor, List<String> forwarded) {
        if (peerAddress == null) {
            return "";
        }
        IpAddress peer = ForwardedNode.parse(peerAddress, 0, peerAddress.length());
        if (peer == null) {
            return peerAddress;
        }
        if (!isTrusted(peer)) {
            return peer.toString();
        }
        List<String> lines = header == ForwardingHeader.FORWARDED ? forwarded : xForwardedFor;
        return rightmostUntrustedHop(lines, peer).toString();
    }

    public boolean isTrusted(IpAddress address) {
        for (CidrBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private IpAddress rightmostUntrustedHop(List<String> lines, IpAddress peer) {
        IpAddress nearestTrusted = peer;
        if (lines == null) {
            return nearestTrusted;
        }
        boolean quoteAware = header == ForwardingHeader.FORWARDED;
        int hops = 0;
        int budget = MAX_SCANNED_CHARS;
        for (int line = lines.size() - 1; line >= 0; line--) {
            String value = lines.get(line);
            if (value == null) {
                continue;
            }
            // Quotes are tracked naively (escapes ignored): the elements read here come from trusted proxies and hold
            // node names, which contain neither commas nor backslashes.
            boolean inQuotes = false;
            int end = value.length();
            for (int i = end - 1; i >= -1; i--) {
                if (--budget < 0) {
                    return nearestTrusted;
                }
                char c = i >= 0 ? value.charAt(i) : ',';
                if (quoteAware && c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == ',' && (!inQuotes || i < 0)) {
                    if (!isBlank(value, i + 1, end)) {
                        IpAddress hop = quoteAware
                                ? ForwardedNode.parseForwardedElement(value, i + 1, end)
                                : ForwardedNode.parse(value, i + 1, end);
                        if (hop == null) {
                            return nearestTrusted;
                        }
                        if (!isTrusted(hop)) {
                            return hop;
                        }
                        nearestTrusted = hop;
                        if (++hops == MAX_HOPS) {
                            return nearestTrusted;
                        }
                    }
                    end = i;
                    inQuotes = false;
                }
            }
        }
        return nearestTrusted;
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!ForwardedNode.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
