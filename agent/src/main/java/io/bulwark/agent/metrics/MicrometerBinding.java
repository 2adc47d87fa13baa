package io.bulwark.agent.metrics;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers the counts with the app's own Micrometer global registry (which Spring Boot feeds into its registries),
 * when the app's class loader sees one. The agent cannot link against the app's Micrometer (its classes live in the
 * app's loader), so the builders are found by reflection, once. The meters are function counters and gauges: at
 * scrape time Micrometer calls back into our counters through JDK interfaces, so a request never touches
 * reflection or Micrometer.
 */
final class MicrometerBinding {

    static final String METRICS_CLASS = "io.micrometer.core.instrument.Metrics";
    private static final String PACKAGE = "io.micrometer.core.instrument.";

    private final Object registry;
    private final Method counterBuilder;
    private final Method counterTags;
    private final Method counterDescription;
    private final Method counterRegister;
    private final Method gaugeBuilder;
    private final Method gaugeTags;
    private final Method gaugeRegister;
    private final Method timerBuilder;
    private final Method timerRegister;

    private MicrometerBinding(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> metrics = Class.forName(METRICS_CLASS, true, loader);
        Class<?> meterRegistry = Class.forName(PACKAGE + "MeterRegistry", false, loader);
        Class<?> functionCounter = Class.forName(PACKAGE + "FunctionCounter", false, loader);
        Class<?> gauge = Class.forName(PACKAGE + "Gauge", false, loader);
        Class<?> functionTimer = Class.forName(PACKAGE + "FunctionTimer", false, loader);
        registry = metrics.getField("globalRegistry").get(null);
        counterBuilder = functionCounter.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
        Class<?> counterBuilderType = counterBuilder.getReturnType();
        counterTags = counterBuilderType.getMethod("tags", String[].class);
        counterDescription = counterBuilderType.getMethod("description", String.class);
        counterRegister = counterBuilderType.getMethod("register", meterRegistry);
        gaugeBuilder = gauge.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
        gaugeTags = gaugeBuilder.getReturnType().getMethod("tags", String[].class);
        gaugeRegister = gaugeBuilder.getReturnType().getMethod("register", meterRegistry);
        timerBuilder = functionTimer.getMethod("builder", String.class, Object.class, ToLongFunction.class,
                ToDoubleFunction.class, TimeUnit.class);
        timerRegister = timerBuilder.getReturnType().getMethod("register", meterRegistry);
    }

    /** @return true when the app carries Micrometer and the meters were registered */
    static boolean bindIfPresent(Metrics metrics, ClassLoader appLoader, Consumer<String> say) {
        if (appLoader == null || appLoader.getResource(METRICS_CLASS.replace('.', '/') + ".class") == null) {
            return false;
        }
        try {
            new MicrometerBinding(appLoader).bind(metrics);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            say.accept("metrics are not published through the app's Micrometer (" + e + ")");
            return false;
        }
    }

    private void bind(Metrics metrics) throws ReflectiveOperationException {
        RequestMetrics requests = metrics.requests();
        counter("bulwark.requests", "Requests seen at their outermost entry", requests, r -> r.getSeen());
        for (DenialReason reason : DenialReason.values()) {
            counter("bulwark.denied", "Requests refused by the agent", requests, r -> r.deniedFor(reason),
                    "reason", reason.tag());
        }
        AttackMetrics attacks = metrics.attacks();
        for (AttackType type : AttackType.values()) {
            counter("bulwark.attacks", "Injections found at sinks", attacks, a -> a.blocked(type),
                    "type", type.tag(), "outcome", "blocked");
            counter("bulwark.attacks", "Injections found at sinks", attacks, a -> a.monitored(type),
                    "type", type.tag(), "outcome", "monitored");
        }
        timer("bulwark.agent.time", requests.agentTime());
        timer("bulwark.sink.time", attacks.sinkTime());
        AttackLogMBean log = metrics.attackLog();
        counter("bulwark.log.events", "Attack log events", log, l -> l.getEventsWritten(), "outcome", "written");
        counter("bulwark.log.events", "Attack log events", log, l -> l.getEventsDropped(), "outcome", "dropped");
        AgentMetrics agent = metrics.agent();
        counter("bulwark.advice.errors", "Failures inside the agent, caught", agent, a -> a.getAdviceErrors());
        counter("bulwark.policy.reloads", "Policy reloads", agent, a -> a.getPolicyReloads(), "outcome", "applied");
        counter("bulwark.policy.reloads", "Policy reloads", agent, a -> a.getPolicyReloadsRejected(),
                "outcome", "rejected");
        StoreMetrics store = metrics.store();
        gauge("bulwark.store.available", store, s -> s.isAvailable() ? 1 : 0);
        counter("bulwark.store.outages", "Shared store outages", store, s -> s.getOutages());
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> count, String... tags)
            throws ReflectiveOperationException {
        Object builder = counterBuilder.invoke(null, name, source, count);
        counterTags.invoke(builder, (Object) tags);
        counterDescription.invoke(builder, description);
        counterRegister.invoke(builder, registry);
    }

    private <T> void gauge(String name, T source, ToDoubleFunction<T> value) throws ReflectiveOperationException {
        Object builder = gaugeBuilder.invoke(null, name, source, value);
        gaugeTags.invoke(builder, (Object) new String[0]);
        gaugeRegister.invoke(builder, registry);
    }

    private void timer(String name, LatencyHistogram histogram) throws ReflectiveOperationException {
        ToLongFunction<LatencyHistogram> count = LatencyHistogram::count;
        ToDoubleFunction<LatencyHistogram> total = h -> (double) h.totalNanos();
        timerRegister.invoke(timerBuilder.invoke(null, name, histogram, count, total, TimeUnit.NANOSECONDS),
                registry);
    }
}
