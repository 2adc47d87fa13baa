package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<String> said = new ArrayList<>();

    @Test
    void theFiveMBeansShowTheLiveCountsByAttributeName() throws Exception {
        long[] written = {0};
        Metrics metrics = new Metrics(new Metrics.Sources("9.9", "/srv/bulwark-policy.json", () -> 3,
                () -> written[0], () -> 4), said::add);

        assertThat(JmxRegistration.register(server, metrics, said::add)).isEqualTo(5);

        metrics.requestOpened();
        metrics.requests().denied(DenialReason.INSUFFICIENT_SCOPE);
        metrics.attacks().found(AttackType.SHELL_INJECTION, true);
        metrics.store().unavailable(42);
        written[0] = 11;
        assertThat(server.getAttribute(name("Requests"), "Seen")).isEqualTo(1L);
        assertThat(server.getAttribute(name("Requests"), "DeniedInsufficientScope")).isEqualTo(1L);
        assertThat(server.getAttribute(name("Requests"), "Denied")).isEqualTo(1L);
        assertThat((long[]) server.getAttribute(name("Requests"), "AgentTimeBucketUpperBoundsNanos"))
                .hasSize(LatencyHistogram.BUCKETS);
        assertThat(server.getAttribute(name("Attacks"), "ShellInjectionBlocked")).isEqualTo(1L);
        assertThat(server.getAttribute(name("AttackLog"), "EventsWritten")).isEqualTo(11L);
        assertThat(server.getAttribute(name("AttackLog"), "EventsDropped")).isEqualTo(4L);
        assertThat(server.getAttribute(name("Store"), "Available")).isEqualTo(false);
        assertThat(server.getAttribute(name("Store"), "Outages")).isEqualTo(1L);
        assertThat(server.getAttribute(name("Agent"), "AdviceErrors")).isEqualTo(3L);
        assertThat(server.getAttribute(name("Agent"), "PolicySource")).isEqualTo("/srv/bulwark-policy.json");
        assertThat(server.getAttribute(name("Agent"), "PolicyGeneration")).isEqualTo(1L);
        assertThat(said).isEmpty();
    }

    @Test
    void aNameAlreadyTakenIsLeftToItsOwnerAndSaidOnceNotThrown() throws Exception {
        Metrics first = Metrics.unpublished();
        Metrics second = Metrics.unpublished();
        JmxRegistration.register(server, first, said::add);
        first.requestOpened();

        assertThat(JmxRegistration.register(server, second, said::add)).isZero();

        assertThat(said).hasSize(5).allSatisfy(line -> assertThat(line).contains("not registered"));
        assertThat(server.getAttribute(name("Requests"), "Seen")).isEqualTo(1L);
    }

    private static ObjectName name(String type) throws Exception {
        return new ObjectName("io.bulwark:type=" + type);
    }
}
