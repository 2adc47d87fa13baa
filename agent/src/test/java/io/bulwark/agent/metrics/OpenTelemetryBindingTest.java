package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real OpenTelemetry SDK with an in-memory reader: what an exporter would see at collection time. */
class OpenTelemetryBindingTest {

    private final List<String> said = new ArrayList<>();
    private SdkMeterProvider provider;

    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void countsAreObservedWithTheirAttributesAtCollectionTime() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(provider).build());
        Metrics metrics = Metrics.unpublished();

        assertThat(OpenTelemetryBinding.bindIfPresent(metrics, getClass().getClassLoader(), said::add)).isTrue();

        metrics.requestOpened();
        metrics.requestOpened();
        metrics.requestOpened();
        metrics.requests().denied(DenialReason.UNAUTHENTICATED);
        metrics.attacks().found(AttackType.SHELL_INJECTION, true);
        metrics.store().unavailable(5);

        Collection<MetricData> collected = reader.collectAllMetrics();
        assertThat(said).isEmpty();
        assertThat(value(collected, "bulwark.requests", Attributes.empty())).isEqualTo(3);
        assertThat(value(collected, "bulwark.denied", Attributes.of(AttributeKey.stringKey("reason"), "unauthorized")))
                .isEqualTo(1);
        assertThat(value(collected, "bulwark.denied", Attributes.of(AttributeKey.stringKey("reason"), "rate-limited")))
                .isZero();
        assertThat(value(collected, "bulwark.attacks", Attributes.of(AttributeKey.stringKey("type"), "shell-injection",
                AttributeKey.stringKey("outcome"), "blocked"))).isEqualTo(1);
        assertThat(value(collected, "bulwark.store.available", Attributes.empty())).isZero();
        assertThat(value(collected, "bulwark.store.outages", Attributes.empty())).isEqualTo(1);
    }

    @Test
    void anUnsetGlobalIsLeftUnsetSoTheAppCanStillInstallItsOwn() {
        GlobalOpenTelemetry.resetForTest();

        assertThat(OpenTelemetryBinding.bindIfPresent(Metrics.unpublished(), getClass().getClassLoader(), said::add))
                .isFalse();

        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
        assertThat(said).isEmpty();
    }

    private static long value(Collection<MetricData> collected, String name, Attributes attributes) {
        MetricData metric = collected.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not collected"));
        Collection<LongPointData> points = name.equals("bulwark.store.available")
                ? metric.getLongGaugeData().getPoints() : metric.getLongSumData().getPoints();
        return points.stream().filter(p -> p.getAttributes().equals(attributes)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + attributes + " not collected")).getValue();
    }
}
