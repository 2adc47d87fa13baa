package io.bulwark.agent.metrics;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers one standard MBean per area under {@code io.bulwark:type=...}. The platform MBean server is shared with
 * the app and its container: a name already taken (a second agent, an app that registered it) is left as it is and
 * said once, never replaced, and never a reason to fail.
 */
final class JmxRegistration {

    static final String DOMAIN = "io.bulwark";

    private JmxRegistration() {
    }

    static void registerPlatform(Metrics metrics, Consumer<String> say) {
        register(ManagementFactory.getPlatformMBeanServer(), metrics, say);
    }

    /** @return how many of the five MBeans were registered */
    static int register(MBeanServer server, Metrics metrics, Consumer<String> say) {
        int registered = 0;
        registered += register(server, "Requests", metrics.requests(), RequestsMBean.class, say);
        registered += register(server, "Attacks", metrics.attacks(), AttacksMBean.class, say);
        registered += register(server, "AttackLog", metrics.attackLog(), AttackLogMBean.class, say);
        registered += register(server, "Store", metrics.store(), StoreMBean.class, say);
        registered += register(server, "Agent", metrics.agent(), AgentMBean.class, say);
        return registered;
    }

    private static <T> int register(MBeanServer server, String type, T bean, Class<T> view, Consumer<String> say) {
        try {
            // StandardMBean with an explicit interface: the implementation need not be named after it
            server.registerMBean(new StandardMBean(bean, view), new ObjectName(DOMAIN + ":type=" + type));
            return 1;
        } catch (JMException | RuntimeException e) {
            say.accept("metrics MBean " + DOMAIN + ":type=" + type + " not registered (" + e + ")");
            return 0;
        }
    }
}
