package io.bulwark.agent.metrics;

import java.util.function.Consumer;

/** Publishes the counts wherever they can be read: always JMX, and the app's Micrometer when it carries one. */
final class MetricsPublisher {

    private MetricsPublisher() {
    }

    static void publish(Metrics metrics, ClassLoader appLoader, Consumer<String> say) {
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
    }
}
