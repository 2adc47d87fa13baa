package io.bulwark.policies.detect;

import io.bulwark.policies.model.DetectionSettings;

import java.time.Duration;

/**
 * The limits a {@link SpikeDetector} judges by; see {@link DetectionSettings} for their meaning.
 */
public record SpikeThresholds(Duration window, int clientErrors, int authFailures, int blockedAttacks,
                              int distinctPaths, int routeSurgeFactor, int maxClients) {

    /** A sweep is counted in a small array per client; more distinct paths than this is not a useful threshold. */
    public static final int MAX_DISTINCT_PATHS = 1000;

    public SpikeThresholds {
        if (window.isNegative() || window.isZero() || clientErrors < 1 || authFailures < 1 || blockedAttacks < 1
                || distinctPaths < 1 || distinctPaths > MAX_DISTINCT_PATHS || routeSurgeFactor < 2 || maxClients < 1) {
            throw new IllegalArgumentException("invalid spike thresholds");
        }
    }

    public static SpikeThresholds from(DetectionSettings settings) {
        return new SpikeThresholds(settings.window().duration(), settings.clientErrors(), settings.authFailures(),
                settings.blockedAttacks(), Math.min(settings.distinctRoutes(), MAX_DISTINCT_PATHS),
                settings.routeSurgeFactor(), settings.maxClients());
    }
}
