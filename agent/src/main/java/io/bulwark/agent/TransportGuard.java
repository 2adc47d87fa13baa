package io.bulwark.agent;

import io.bulwark.policies.model.TransportSettings;
import io.bulwark.policies.net.ClientIpResolver;
import io.bulwark.policies.net.IpAddress;
import java.util.List;
import java.util.Locale;

/**
 * Plain HTTP versus HTTPS at the entry, decided from plain values. A request is HTTPS when its own connection is, or
 * when the peer is a trusted proxy and every scheme the forwarding headers name is {@code https}: a single
 * {@code http} hop anywhere in the chain means the request crossed a network in the clear. A proxy header from
 * anyone else is ignored, since a client could simply claim {@code https}.
 */
final class TransportGuard {

    /** What to do with a request. */
    enum Verdict { PASS, REFUSE, REDIRECT }

    /** Forwarding headers are short; past this much text the claim is not believed (and no more is scanned). */
    static final int MAX_SCANNED_CHARS = 4096;

    private final boolean requireHttps;
    private final boolean redirectHttp;
    private final String hsts;
    private final ClientIpResolver trustedProxies;

    TransportGuard(TransportSettings settings, ClientIpResolver trustedProxies) {
        this.requireHttps = settings.requireHttps();
        this.redirectHttp = settings.redirectHttp();
        this.hsts = settings.hsts() == null || settings.hsts().isBlank() ? null : settings.hsts().trim();
        this.trustedProxies = trustedProxies;
    }

    /** The guard for a policy, or null when its {@code transport} asks for nothing. */
    static TransportGuard of(TransportSettings settings, ClientIpResolver trustedProxies) {
        TransportGuard guard = new TransportGuard(settings, trustedProxies);
        return guard.requireHttps || guard.hsts != null ? guard : null;
    }

    boolean requiresHttps() {
        return requireHttps;
    }

    Verdict decide(EntryRequest request) {
        if (!requireHttps || isHttps(request)) {
            return Verdict.PASS;
        }
        // Only a method without a body may be redirected: the client would resend anything else in the clear.
        String method = request.method();
        boolean safe = "GET".equals(method) || "HEAD".equals(method);
        return redirectHttp && safe && redirectTarget(request) != null ? Verdict.REDIRECT : Verdict.REFUSE;
    }

    /** The {@code Strict-Transport-Security} value for this request: only on HTTPS (RFC 6797 §7.2). */
    String hstsFor(EntryRequest request) {
        return hsts != null && isHttps(request) ? hsts : null;
    }

    boolean isHttps(EntryRequest request) {
        if (request.secure()) {
            return true;
        }
        if (trustedProxies == null || request.peerAddress() == null) {
            return false;
        }
        IpAddress peer = IpAddress.parse(request.peerAddress());
        if (peer == null || !trustedProxies.isTrusted(peer)) {
            return false;
        }
        return forwardedAsHttps(request.headers("X-Forwarded-Proto"), request.headers("Forwarded"));
    }

    /**
     * True when at least one scheme is named and all of them are {@code https}. Both headers count when both are
     * present: a proxy that sets one does not clear the other, so either may carry the truth about a hop.
     */
    static boolean forwardedAsHttps(List<String> xForwardedProto, List<String> forwarded) {
        int[] seen = {0, 0}; // [schemes named, characters scanned]
        for (String line : xForwardedProto) {
            if (!scan(line, seen)) {
                return false;
            }
            for (String part : line.split(",", -1)) {
                String proto = part.trim();
                if (!proto.isEmpty()) {
                    if (!proto.equalsIgnoreCase("https")) {
                        return false;
                    }
                    seen[0]++;
                }
            }
        }
        for (String line : forwarded) {
            if (!scan(line, seen)) {
                return false;
            }
            for (String element : line.split(",", -1)) {
                for (String pair : element.split(";", -1)) {
                    int equals = pair.indexOf('=');
                    if (equals < 0 || !pair.substring(0, equals).trim().equalsIgnoreCase("proto")) {
                        continue;
                    }
                    String value = unquote(pair.substring(equals + 1).trim());
                    if (!value.equalsIgnoreCase("https")) {
                        return false;
                    }
                    seen[0]++;
                }
            }
        }
        return seen[0] > 0;
    }

    private static boolean scan(String line, int[] seen) {
        seen[1] += line == null ? 0 : line.length();
        return line != null && seen[1] <= MAX_SCANNED_CHARS;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * {@code https://HOST/path?query}, the port dropped (the HTTPS port is the default one behind any sane setup);
     * null when the Host header is not a plain host name or address literal, so a forged Host cannot smuggle
     * anything into the Location header.
     */
    static String redirectTarget(EntryRequest request) {
        String host = hostWithoutPort(request.header("Host"));
        String path = request.rawPath();
        if (host == null || path == null || !path.startsWith("/") || path.startsWith("//")) {
            return null;
        }
        String query = request.queryString();
        return "https://" + host + path + (query == null ? "" : "?" + query);
    }

    static String hostWithoutPort(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > 255) {
            return null;
        }
        String host;
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = hostHeader.substring(0, close + 1);
            String rest = hostHeader.substring(close + 1);
            if (!rest.isEmpty() && !isPort(rest)) {
                return null;
            }
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.')) {
                    return null;
                }
            }
            return host.toLowerCase(Locale.ROOT);
        }
        int colon = hostHeader.indexOf(':');
        host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
        if (colon >= 0 && !isPort(hostHeader.substring(colon))) {
            return null;
        }
        if (host.isEmpty()) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.';
            if (!ok) {
                return null;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean isPort(String text) {
        if (text.length() < 2 || text.length() > 6 || text.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
