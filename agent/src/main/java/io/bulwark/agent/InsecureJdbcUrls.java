package io.bulwark.agent;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Warns, once per database host, when a JDBC URL turns TLS off for a host that is not this machine: the app's
 * queries (and the input Bulwark protects) then cross the network in the clear. Checked at a sink, the one place the
 * agent sees a connection's URL, once per connection ({@link JdbcConnections}); only the host and the offending
 * parameter are printed, never the URL, which may carry a password.
 */
final class InsecureJdbcUrls {

    /** Distinct hosts remembered; a process talks to a handful of databases, so this bounds a misbehaving pool. */
    static final int MAX_HOSTS = 64;
    private static final String[] TLS_OFF = {"sslmode=disable", "sslmode=disabled", "usessl=false", "ssl=false",
        "encrypt=false"};

    private final Consumer<String> warn;
    private final Set<String> warned = new HashSet<>();

    InsecureJdbcUrls(Consumer<String> warn) {
        this.warn = warn;
    }

    void check(String url) {
        String setting = tlsOff(url);
        if (setting == null) {
            return;
        }
        String host = remoteHost(url);
        if (host == null) {
            return;
        }
        synchronized (this) {
            if (warned.size() >= MAX_HOSTS || !warned.add(host)) {
                return;
            }
        }
        warn.accept("WARNING: a JDBC connection to " + host + " turns TLS off (" + setting
                + "): queries and their data cross the network unencrypted");
    }

    /** The parameter that turns TLS off, lower-cased, or null. */
    static String tlsOff(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        for (String setting : TLS_OFF) {
            int at = lower.indexOf(setting);
            while (at >= 0) {
                char before = at == 0 ? '?' : lower.charAt(at - 1);
                int end = at + setting.length();
                char after = end == lower.length() ? '&' : lower.charAt(end);
                if ((before == '?' || before == '&' || before == ';')
                        && (after == '&' || after == ';' || after == '#')) {
                    return setting;
                }
                at = lower.indexOf(setting, at + 1);
            }
        }
        return null;
    }

    /** The first host of the URL's authority that is not this machine, or null (all local, or no host at all). */
    static String remoteHost(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return null; // jdbc:h2:mem:..., jdbc:sqlite:file: no network
        }
        int start = slashes + 2;
        int end = start;
        while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        for (String hostPort : authority.split(",")) {
            String host = hostOf(hostPort.trim()).toLowerCase(Locale.ROOT);
            if (!host.isEmpty() && !isLocal(host)) {
                return host;
            }
        }
        return null;
    }

    private static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    static boolean isLocal(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
