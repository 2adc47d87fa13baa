package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final AgentMetrics agent = new AgentMetrics("1.2.3", "/etc/api/bulwark-policy.json", () -> 7);
    private final AtomicReference<Object> policy = new AtomicReference<>(new Object());

    @Test
    void aReloadThatSwapsThePolicyCountsAsAppliedAndOneThatKeepsItAsRejected() {
        Runnable applied = agent.countingReloads(policy::get, () -> policy.set(new Object()));
        Runnable rejected = agent.countingReloads(policy::get, () -> { });

        applied.run();
        applied.run();
        rejected.run();

        assertThat(agent.getPolicyReloads()).isEqualTo(2);
        assertThat(agent.getPolicyReloadsRejected()).isEqualTo(1);
        assertThat(agent.getPolicyGeneration()).isEqualTo(3);
        assertThat(agent.getAdviceErrors()).isEqualTo(7);
        assertThat(agent.getPolicySource()).isEqualTo("/etc/api/bulwark-policy.json");
        assertThat(agent.getVersion()).isEqualTo("1.2.3");
    }

    @Test
    void aReloadThatThrowsIsCountedAsRejectedAndStillThrows() {
        Runnable failing = agent.countingReloads(policy::get, () -> {
            throw new IllegalStateException("unreadable");
        });
        assertThatThrownBy(failing::run).isInstanceOf(IllegalStateException.class);
        assertThat(agent.getPolicyReloadsRejected()).isEqualTo(1);
        assertThat(agent.getPolicyReloads()).isZero();
    }
}
