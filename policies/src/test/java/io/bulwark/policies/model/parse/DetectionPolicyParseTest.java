package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.ByteSize;
import io.bulwark.policies.model.DataTransferSettings;
import io.bulwark.policies.model.DetectionSettings;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.model.Route;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dataTransfer} on routes and defaults, and the top-level {@code detection} section. */
class DetectionPolicyParseTest {

    private static final String FILE = "bulwark-policy.json";

    private static Policy parse(String json) {
        PolicyParseResult result = PolicyParser.parse(json, FILE);
        assertThat(result.errors()).isEmpty();
        return result.policy().orElseThrow();
    }

    private static java.util.List<String> errors(String json) {
        PolicyParseResult result = PolicyParser.parse(json, FILE);
        assertThat(result.isValid()).isFalse();
        return result.errors().stream().map(PolicyError::toString).toList();
    }

    @Test
    void routeFieldsFallBackToDefaultsOneByOne() {
        Policy policy = parse("""
                {"version": 1, "mode": "monitor",
                 "defaults": {"dataTransfer": {"maxRows": 1000, "maxResponseBytes": "10MB", "mode": "block"}},
                 "routes": [
                   {"path": "/export", "dataTransfer": {"maxRows": 50000}},
                   {"path": "/reports", "dataTransfer": {"mode": "monitor"}},
                   {"path": "/health"}
                 ]}""");
        Route export = policy.routes().get(0);
        Route reports = policy.routes().get(1);
        Route health = policy.routes().get(2);

        DataTransferSettings exportLimits = policy.dataTransferFor(export);
        assertThat(exportLimits.maxRows()).isEqualTo(50_000);
        assertThat(exportLimits.maxResponseBytes()).isEqualTo(ByteSize.of("10MB"));
        assertThat(exportLimits.maxResponseBytes().bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(policy.effectiveMode(Protection.DATA_TRANSFER, export)).isEqualTo(Mode.BLOCK);
        assertThat(policy.effectiveMode(Protection.DATA_TRANSFER, reports)).isEqualTo(Mode.MONITOR);
        assertThat(policy.dataTransferFor(health).maxRows()).isEqualTo(1000);
        assertThat(policy.dataTransferFor(null).maxRows()).isEqualTo(1000);
    }

    @Test
    void dataTransferModeFollowsTheTopLevelModeWhenNobodySaysOtherwise() {
        Policy policy = parse("""
                {"version": 1, "mode": "monitor", "routes": [{"path": "/a", "dataTransfer": {"maxRows": 5}}]}""");
        assertThat(policy.effectiveMode(Protection.DATA_TRANSFER, policy.routes().get(0))).isEqualTo(Mode.MONITOR);
        assertThat(policy.dataTransferFor(null).limitsAnything()).isFalse();
    }

    @Test
    void detectionIsOffWithoutItsSection() {
        Policy policy = parse("{\"version\": 1}");
        assertThat(policy.detection()).isNull();
        assertThat(policy.detectionMode()).isEqualTo(Mode.OFF);
    }

    @Test
    void anEmptySectionTurnsDetectionOnInMonitorModeWithDefaults() {
        Policy policy = parse("{\"version\": 1, \"detection\": {}}");
        DetectionSettings detection = policy.detection();
        assertThat(policy.detectionMode()).isEqualTo(Mode.MONITOR);
        assertThat(detection.window().duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(detection.clientErrors()).isEqualTo(DetectionSettings.DEFAULT_CLIENT_ERRORS);
        assertThat(detection.distinctRoutes()).isEqualTo(DetectionSettings.DEFAULT_DISTINCT_ROUTES);
        assertThat(detection.maxClients()).isEqualTo(DetectionSettings.DEFAULT_MAX_CLIENTS);
    }

    @Test
    void detectionIsOffWhenTheWholePolicyIsOffUnlessItSaysSo() {
        assertThat(parse("{\"version\": 1, \"mode\": \"off\", \"detection\": {}}").detectionMode())
                .isEqualTo(Mode.OFF);
        assertThat(parse("{\"version\": 1, \"mode\": \"off\", \"detection\": {\"mode\": \"monitor\"}}")
                .detectionMode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void detectionFieldsAreRead() {
        Policy policy = parse("""
                {"version": 1, "detection": {"window": "10s", "clientErrors": 7, "authFailures": 3,
                  "blockedAttacks": 2, "distinctRoutes": 9, "routeSurgeFactor": 4, "rowAnomalyFactor": 50,
                  "baselineRequests": 5, "maxClients": 100}}""");
        assertThat(policy.detection()).isEqualTo(new DetectionSettings(null,
                io.bulwark.policies.model.PolicyDuration.of("10s"), 7, 3, 2, 9, 4, 50, 5, 100));
    }

    @Test
    void badValuesAreLocated() {
        assertThat(errors("""
                {
                  "version": 1,
                  "detection": {
                    "mode": "block",
                    "window": "0s",
                    "routeSurgeFactor": 1,
                    "maxClients": 0
                  },
                  "routes": [ { "path": "/a", "dataTransfer": {
                    "maxRows": 0,
                    "maxResponseBytes": "0B" } } ]
                }""")).containsExactly(
                FILE + ":4:13: detection.mode: detection only reports; use \"monitor\" or \"off\" (limits that "
                        + "refuse requests are rateLimits and dataTransfer)",
                FILE + ":5:15: detection.window: window must be longer than 0",
                FILE + ":6:25: detection.routeSurgeFactor: routeSurgeFactor must be at least 2",
                FILE + ":7:19: detection.maxClients: maxClients must be at least 1",
                FILE + ":10:16: routes[0].dataTransfer.maxRows: maxRows must be at least 1",
                FILE + ":11:25: routes[0].dataTransfer.maxResponseBytes: maxResponseBytes must be larger than 0B");
    }

    @Test
    void wrongTypesAndUnknownFieldsAreLocated() {
        assertThat(errors("""
                {
                  "version": 1,
                  "defaults": { "dataTransfer": { "maxRows": "1000", "maxBytes": 5 } }
                }""")).hasSize(2).anySatisfy(e -> assertThat(e).startsWith(FILE + ":3:46: defaults.dataTransfer.maxRows"))
                .anySatisfy(e -> assertThat(e).contains("defaults.dataTransfer.maxBytes"));
    }
}
