package io.bulwark.policies.model;

/**
 * Plain HTTP versus HTTPS.
 *
 * @param requireHttps refuse plain-HTTP requests
 * @param hsts         the {@code Strict-Transport-Security} value added to HTTPS responses; null adds none
 * @param redirectHttp with {@code requireHttps}, answer plain-HTTP GET and HEAD with a redirect to https instead
 *                     of refusing them (other methods are still refused: a redirect would resend their body in
 *                     the clear)
 */
public record TransportSettings(Boolean requireHttps, String hsts, Boolean redirectHttp) {

    public TransportSettings {
        requireHttps = requireHttps != null && requireHttps;
        redirectHttp = redirectHttp != null && redirectHttp;
    }
}
