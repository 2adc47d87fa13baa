package io.bulwark.policies.auth;

import com.nimbusds.jose.jwk.JWKSet;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JWKS fetched from an {@code https://} URL.
 *
 * <ul>
 *   <li>Keys are used for {@code cacheFor} after a successful fetch, then refetched.</li>
 *   <li>A token with an unknown kid triggers a refetch (keys are rotated in before tokens use them), but fetches,
 *       successful or not, are at least {@code minRefreshInterval} apart, so a flood of made-up kids costs one fetch
 *       per interval, not one per request.</li>
 *   <li>When the URL is down, the last keys stay in use for {@code maxStale} beyond their {@code cacheFor}; after
 *       that they are dropped ({@link JwkKeys#UNAVAILABLE}) rather than trusted for ever.</li>
 *   <li>Only one thread fetches at a time; the others go on with the keys at hand. Only the very first load makes
 *       callers wait, since there is nothing else to use. Fetches run on the calling thread through
 *       {@link HttpURLConnection}: the agent starts no threads of its own for this.</li>
 *   <li>Redirects are not followed (they could leave https), bodies are capped at {@code maxBytes}, and only public
 *       keys are taken from a remote set: HMAC secrets do not travel over the network.</li>
 * </ul>
 */
public final class RemoteJwksSource implements JwksSource {

    /**
     * @param allowLoopbackHttp for tests: accept {@code http://} when the host is a loopback address
     * @param sslContext        null for the JDK's default trust
     */
    public record Options(Duration cacheFor, Duration minRefreshInterval, Duration maxStale, Duration timeout,
                          int maxBytes, boolean allowLoopbackHttp, SSLContext sslContext) {

        public static Options defaults(Duration cacheFor) {
            return new Options(cacheFor, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2),
                    512 * 1024, false, null);
        }
    }

    private record State(JwkKeys keys, long fetchedAt, long lastAttemptAt) {
    }

    private final URI uri;
    private final Options options;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile State state = new State(null, Long.MIN_VALUE, Long.MIN_VALUE);
    private volatile String lastProblem;

    private RemoteJwksSource(URI uri, Options options) {
        this.uri = uri;
        this.options = options;
    }

    /** @throws IllegalArgumentException for a URL that is not https (or loopback http when allowed) */
    public static RemoteJwksSource create(URI uri, Options options) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean https = scheme.equals("https");
        boolean loopbackHttp = scheme.equals("http") && options.allowLoopbackHttp() && isLoopback(uri.getHost());
        if (!https && !loopbackHttp) {
            throw new IllegalArgumentException("a JWKS URL must use https: " + uri);
        }
        return new RemoteJwksSource(uri, options);
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public JwkKeys keys(long nowMillis) {
        State current = state;
        if (current.keys() != null && nowMillis - current.fetchedAt() < options.cacheFor().toMillis()) {
            return current.keys();
        }
        fetchIfDue(nowMillis);
        return usable(nowMillis);
    }

    @Override
    public JwkKeys refreshForUnknownKey(long nowMillis) {
        fetchIfDue(nowMillis);
        return usable(nowMillis);
    }

    /** Why the last fetch failed, or null; for the agent's log (never contains key material). */
    public String lastProblem() {
        return lastProblem;
    }

    private JwkKeys usable(long nowMillis) {
        State current = state;
        long keepFor = options.cacheFor().toMillis() + options.maxStale().toMillis();
        if (current.keys() == null || nowMillis - current.fetchedAt() >= keepFor) {
            return JwkKeys.UNAVAILABLE;
        }
        return current.keys();
    }

    private void fetchIfDue(long nowMillis) {
        boolean firstLoad = state.keys() == null;
        if (firstLoad) {
            fetching.lock();
        } else if (!fetching.tryLock()) {
            return;
        }
        try {
            State current = state;
            if (current.lastAttemptAt() != Long.MIN_VALUE
                    && nowMillis - current.lastAttemptAt() < options.minRefreshInterval().toMillis()) {
                return;
            }
            state = new State(current.keys(), current.fetchedAt(), nowMillis);
            JwkKeys fetched = fetch();
            if (fetched == null) {
                return;
            }
            JwkKeys keep = fetched.sameKeysAs(current.keys()) ? current.keys() : fetched;
            state = new State(keep, nowMillis, nowMillis);
            lastProblem = null;
        } finally {
            fetching.unlock();
        }
    }

    private JwkKeys fetch() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https && options.sslContext() != null) {
                https.setSSLSocketFactory(options.sslContext().getSocketFactory());
            }
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) options.timeout().toMillis());
            connection.setReadTimeout((int) options.timeout().toMillis());
            connection.setRequestProperty("Accept", "application/jwk-set+json, application/json");
            int status = connection.getResponseCode();
            if (status != 200) {
                lastProblem = "JWKS URL " + uri + " answered " + status;
                return null;
            }
            String body;
            try (InputStream in = connection.getInputStream()) {
                byte[] bytes = in.readNBytes(options.maxBytes() + 1);
                if (bytes.length > options.maxBytes()) {
                    lastProblem = "JWKS at " + uri + " is larger than " + options.maxBytes() + " bytes";
                    return null;
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            JwkKeys keys = JwkKeys.of(JWKSet.parse(body).toPublicJWKSet());
            if (keys.size() == 0) {
                lastProblem = "JWKS at " + uri + " holds no usable public keys";
                return null;
            }
            return keys;
        } catch (IOException | ParseException | RuntimeException e) {
            lastProblem = "cannot fetch JWKS from " + uri + ": " + e.getClass().getSimpleName();
            return null;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
