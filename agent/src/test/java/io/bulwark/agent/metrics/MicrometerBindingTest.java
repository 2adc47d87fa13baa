package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real Micrometer: the meters land in its global registry and read the live counts at scrape time. */
class MicrometerBindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> said = new ArrayList<>();

    @AfterEach
    void leaveTheGlobalRegistryAsFound() {
        io.micrometer.core.instrument.Metrics.globalRegistry.clear();
        io.micrometer.core.instrument.Metrics.removeRegistry(registry);
    }

    @Test
    void countsAppearAsTaggedMetersAndFollowLaterIncrements() {
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        Metrics metrics = Metrics.unpublished();

        assertThat(MicrometerBinding.bindIfPresent(metrics, getClass().getClassLoader(), said::add)).isTrue();

        metrics.requestOpened();
        metrics.requestOpened();
        metrics.requests().denied(DenialReason.RATE_LIMITED);
        metrics.requests().agentTime(2_000);
        metrics.attacks().found(AttackType.SQL_INJECTION, true);
        metrics.attacks().found(AttackType.SQL_INJECTION, false);
        metrics.attacks().found(AttackType.SQL_INJECTION, false);
        metrics.store().unavailable(1);

        assertThat(said).isEmpty();
        assertThat(registry.get("bulwark.requests").functionCounter().count()).isEqualTo(2.0);
        assertThat(counter("bulwark.denied", "reason", "rate-limited").count()).isEqualTo(1.0);
        assertThat(counter("bulwark.denied", "reason", "unauthorized").count()).isZero();
        assertThat(registry.get("bulwark.attacks").tags("type", "sql-injection", "outcome", "blocked")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("bulwark.attacks").tags("type", "sql-injection", "outcome", "monitored")
                .functionCounter().count()).isEqualTo(2.0);
        FunctionTimer agentTime = registry.get("bulwark.agent.time").functionTimer();
        assertThat(agentTime.count()).isEqualTo(1.0);
        assertThat(agentTime.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2_000.0);
        Gauge available = registry.get("bulwark.store.available").gauge();
        assertThat(available.value()).isZero();
        assertThat(registry.get("bulwark.denied").functionCounters()).hasSize(DenialReason.values().length);
    }

    @Test
    void aLoaderWithoutMicrometerBindsNothingAndSaysNothing() {
        ClassLoader withoutMicrometer = ClassLoader.getPlatformClassLoader();
        assertThat(MicrometerBinding.bindIfPresent(Metrics.unpublished(), withoutMicrometer, said::add)).isFalse();
        assertThat(MicrometerBinding.bindIfPresent(Metrics.unpublished(), null, said::add)).isFalse();
        assertThat(said).isEmpty();
    }

    private FunctionCounter counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).functionCounter();
    }
}
