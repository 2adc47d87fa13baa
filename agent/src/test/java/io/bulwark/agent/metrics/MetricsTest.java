package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countsFromManyThreadsAddUpExactly() throws InterruptedException {
        Metrics metrics = Metrics.unpublished();
        int threads = 4;
        int perThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    metrics.requestOpened();
                    metrics.requests().agentTime(1_000);
                    if (i % 10 == 0) {
                        metrics.requests().denied(DenialReason.RATE_LIMITED);
                    }
                    if (i % 100 == 0) {
                        metrics.attacks().found(AttackType.SQL_INJECTION, true);
                        metrics.attacks().found(AttackType.SHELL_INJECTION, false);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        RequestMetrics requests = metrics.requests();
        assertThat(requests.getSeen()).isEqualTo(threads * perThread);
        assertThat(requests.getAgentTimeCount()).isEqualTo(threads * perThread);
        assertThat(requests.getAgentTimeTotalNanos()).isEqualTo(threads * perThread * 1_000L);
        assertThat(requests.getDeniedRateLimited()).isEqualTo(threads * perThread / 10);
        assertThat(requests.getDenied()).isEqualTo(threads * perThread / 10);
        assertThat(requests.getDeniedUnauthenticated()).isZero();
        AttackMetrics attacks = metrics.attacks();
        assertThat(attacks.getSqlInjectionBlocked()).isEqualTo(threads * perThread / 100);
        assertThat(attacks.getShellInjectionMonitored()).isEqualTo(threads * perThread / 100);
        assertThat(attacks.getSqlInjectionMonitored()).isZero();
        assertThat(attacks.getShellInjectionBlocked()).isZero();
        assertThat(attacks.getBlocked()).isEqualTo(threads * perThread / 100);
    }

    @Test
    void theStoreIsAvailableUntilAnOutageAndAgainAfterRecovery() {
        StoreMetrics store = Metrics.unpublished().store();
        assertThat(store.isAvailable()).isTrue();
        store.unavailable(1_700_000_000_000L);
        assertThat(store.isAvailable()).isFalse();
        assertThat(store.getUnavailableSinceMillis()).isEqualTo(1_700_000_000_000L);
        store.recovered();
        store.unavailable(1_700_000_100_000L);
        store.recovered();
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.getUnavailableSinceMillis()).isZero();
        assertThat(store.getOutages()).isEqualTo(2);
    }

    @Test
    void findingKindsMapToTheirAttackType() {
        assertThat(AttackType.ofFindingKind("sql")).isEqualTo(AttackType.SQL_INJECTION);
        assertThat(AttackType.ofFindingKind("shell")).isEqualTo(AttackType.SHELL_INJECTION);
    }
}
