package io.bulwark.agent.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Registers observable instruments with the app's OpenTelemetry, when the app's class loader sees the API and the
 * app (or the OpenTelemetry agent) has installed a global instance. Never {@code GlobalOpenTelemetry.get()} on an
 * unset global: that installs a no-op instance, and the app's own {@code set()} afterwards would throw. The
 * instruments are callbacks: at collection time OpenTelemetry calls our JDK {@link Consumer}, which reads the
 * counters; a request never touches OpenTelemetry. Methods are looked up once, here.
 */
final class OpenTelemetryBinding {

    static final String GLOBAL_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";
    private static final String API = "io.opentelemetry.api.";
    private static final String SCOPE = "io.bulwark";

    private final Object meter;
    private final Method counterBuilder;
    private final Method setDescription;
    private final Method setUnit;
    private final Method buildCounter;
    private final Method gaugeBuilder;
    private final Method ofLongs;
    private final Method buildGauge;
    private final Method record;
    private final Method attributesOf1;
    private final Method attributesOf2;
    private final Method stringKey;
    private final Object noAttributes;

    private OpenTelemetryBinding(Object meter, ClassLoader loader) throws ReflectiveOperationException {
        this.meter = meter;
        Class<?> meterType = Class.forName(API + "metrics.Meter", false, loader);
        Class<?> longCounterBuilder = Class.forName(API + "metrics.LongCounterBuilder", false, loader);
        Class<?> attributes = Class.forName(API + "common.Attributes", false, loader);
        Class<?> attributeKey = Class.forName(API + "common.AttributeKey", false, loader);
        counterBuilder = meterType.getMethod("counterBuilder", String.class);
        setDescription = longCounterBuilder.getMethod("setDescription", String.class);
        setUnit = longCounterBuilder.getMethod("setUnit", String.class);
        buildCounter = longCounterBuilder.getMethod("buildWithCallback", Consumer.class);
        gaugeBuilder = meterType.getMethod("gaugeBuilder", String.class);
        ofLongs = gaugeBuilder.getReturnType().getMethod("ofLongs");
        buildGauge = ofLongs.getReturnType().getMethod("buildWithCallback", Consumer.class);
        record = Class.forName(API + "metrics.ObservableLongMeasurement", false, loader)
                .getMethod("record", long.class, attributes);
        attributesOf1 = attributes.getMethod("of", attributeKey, Object.class);
        attributesOf2 = attributes.getMethod("of", attributeKey, Object.class, attributeKey, Object.class);
        stringKey = attributeKey.getMethod("stringKey", String.class);
        noAttributes = attributes.getMethod("empty").invoke(null);
    }

    /** @return true when the app carries OpenTelemetry with a global instance set, and the instruments were made */
    static boolean bindIfPresent(Metrics metrics, ClassLoader appLoader, Consumer<String> say) {
        if (appLoader == null || appLoader.getResource(GLOBAL_CLASS.replace('.', '/') + ".class") == null) {
            return false;
        }
        try {
            Class<?> global = Class.forName(GLOBAL_CLASS, true, appLoader);
            Method isSet;
            try {
                isSet = global.getMethod("isSet");
            } catch (NoSuchMethodException olderApi) {
                say.accept("metrics are not published through OpenTelemetry: its API in the app predates "
                        + "GlobalOpenTelemetry.isSet(), and get() would install a global the app cannot replace");
                return false;
            }
            if (!Boolean.TRUE.equals(isSet.invoke(null))) {
                return false;
            }
            Object openTelemetry = global.getMethod("get").invoke(null);
            Object meter = Class.forName(API + "OpenTelemetry", false, appLoader).getMethod("getMeter", String.class)
                    .invoke(openTelemetry, SCOPE);
            new OpenTelemetryBinding(meter, appLoader).bind(metrics);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            say.accept("metrics are not published through the app's OpenTelemetry (" + e + ")");
            return false;
        }
    }

    private void bind(Metrics metrics) throws ReflectiveOperationException {
        RequestMetrics requests = metrics.requests();
        counter("bulwark.requests", "Requests seen at their outermost entry", "{request}",
                out -> out.record(requests.getSeen(), noAttributes));
        Object[] reasons = new Object[DenialReason.values().length];
        for (DenialReason reason : DenialReason.values()) {
            reasons[reason.ordinal()] = attributes("reason", reason.tag());
        }
        counter("bulwark.denied", "Requests refused by the agent", "{request}", out -> {
            for (DenialReason reason : DenialReason.values()) {
                out.record(requests.deniedFor(reason), reasons[reason.ordinal()]);
            }
        });
        AttackMetrics attacks = metrics.attacks();
        Object[] blocked = new Object[AttackType.values().length];
        Object[] monitored = new Object[AttackType.values().length];
        for (AttackType type : AttackType.values()) {
            blocked[type.ordinal()] = attributes("type", type.tag(), "outcome", "blocked");
            monitored[type.ordinal()] = attributes("type", type.tag(), "outcome", "monitored");
        }
        counter("bulwark.attacks", "Injections found at sinks", "{attack}", out -> {
            for (AttackType type : AttackType.values()) {
                out.record(attacks.blocked(type), blocked[type.ordinal()]);
                out.record(attacks.monitored(type), monitored[type.ordinal()]);
            }
        });
        LatencyHistogram agentTime = requests.agentTime();
        counter("bulwark.agent.time", "Agent time on the timed (sampled) requests", "ns",
                out -> out.record(agentTime.totalNanos(), noAttributes));
        counter("bulwark.agent.time.count", "Requests timed (a sample)", "{request}",
                out -> out.record(agentTime.count(), noAttributes));
        LatencyHistogram sinkTime = attacks.sinkTime();
        counter("bulwark.sink.time", "Agent time on the timed (sampled) sink checks", "ns",
                out -> out.record(sinkTime.totalNanos(), noAttributes));
        AttackLogMBean log = metrics.attackLog();
        Object written = attributes("outcome", "written");
        Object dropped = attributes("outcome", "dropped");
        counter("bulwark.log.events", "Attack log events", "{event}", out -> {
            out.record(log.getEventsWritten(), written);
            out.record(log.getEventsDropped(), dropped);
        });
        AgentMetrics agent = metrics.agent();
        counter("bulwark.advice.errors", "Failures inside the agent, caught", "{error}",
                out -> out.record(agent.getAdviceErrors(), noAttributes));
        Object applied = attributes("outcome", "applied");
        Object rejected = attributes("outcome", "rejected");
        counter("bulwark.policy.reloads", "Policy reloads", "{reload}", out -> {
            out.record(agent.getPolicyReloads(), applied);
            out.record(agent.getPolicyReloadsRejected(), rejected);
        });
        StoreMetrics store = metrics.store();
        counter("bulwark.store.outages", "Shared store outages", "{outage}",
                out -> out.record(store.getOutages(), noAttributes));
        gauge("bulwark.store.available", () -> store.isAvailable() ? 1 : 0);
    }

    /** One observation target: the measurement OpenTelemetry hands to a callback. */
    @FunctionalInterface
    private interface Observations {
        void record(long value, Object attributes);
    }

    private void counter(String name, String description, String unit, Consumer<Observations> observe)
            throws ReflectiveOperationException {
        Object builder = counterBuilder.invoke(meter, name);
        setDescription.invoke(builder, description);
        setUnit.invoke(builder, unit);
        buildCounter.invoke(builder, callback(observe));
    }

    private void gauge(String name, LongSupplier value) throws ReflectiveOperationException {
        Object builder = ofLongs.invoke(gaugeBuilder.invoke(meter, name));
        buildGauge.invoke(builder, callback(out -> out.record(value.getAsLong(), noAttributes)));
    }

    private Consumer<Object> callback(Consumer<Observations> observe) {
        return measurement -> observe.accept((value, attributes) -> {
            try {
                record.invoke(measurement, value, attributes);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e); // OpenTelemetry logs a failed callback and goes on
            }
        });
    }

    private Object attributes(String key, String value) throws ReflectiveOperationException {
        return attributesOf1.invoke(null, stringKey.invoke(null, key), value);
    }

    private Object attributes(String key1, String value1, String key2, String value2)
            throws ReflectiveOperationException {
        return attributesOf2.invoke(null, stringKey.invoke(null, key1), value1, stringKey.invoke(null, key2), value2);
    }
}
