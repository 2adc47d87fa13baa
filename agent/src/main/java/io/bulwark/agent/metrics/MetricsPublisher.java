package io.bulwark.agent.metrics;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Publishes the counts wherever they can be read: always JMX, and the app's Micrometer and OpenTelemetry when it
 * carries them. Each is tried on its own: one failing leaves the others in place.
 */
final class MetricsPublisher {

    /**
     * The first platform MBean server costs a few hundred milliseconds of CPU on a small host: not while the app
     * answers its first requests, which is what time-to-first-response measures and users feel.
     */
    private static final long DELAY_NANOS = Long.getLong("bulwark.metrics.publishDelayMillis", 1000L) * 1_000_000L;

    private MetricsPublisher() {
    }

    static void publish(Metrics metrics, ClassLoader appLoader, Consumer<String> say) {
        LockSupport.parkNanos(DELAY_NANOS);
        try {
            JmxRegistration.registerPlatform(metrics, say);
        } catch (LinkageError e) {
            // a jlinked runtime without java.management: the counts still exist, only JMX cannot show them
            say.accept("metrics are not published through JMX (" + e + ")");
        }
        try {
            MicrometerBinding.bindIfPresent(metrics, appLoader, say);
        } catch (LinkageError | RuntimeException e) {
            say.accept("metrics are not published through Micrometer (" + e + ")");
        }
        try {
            OpenTelemetryBinding.bindIfPresent(metrics, appLoader, say);
        } catch (LinkageError | RuntimeException e) {
            say.accept("metrics are not published through OpenTelemetry (" + e + ")");
        }
    }
}
