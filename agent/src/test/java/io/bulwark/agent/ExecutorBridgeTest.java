package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.bootstrap.AgentThread;
import io.bulwark.bootstrap.Bridge;
import io.bulwark.bootstrap.Dispatcher;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's executor entry points on real JDK pools: what is wrapped, and that {@code remove} and
 * {@code shutdownNow} still speak of the app's own tasks. The dispatcher here wraps every task it is offered, as the
 * gateway does inside a request.
 */
class ExecutorBridgeTest {

    /** Stands for the gateway's request-bound wrapper. */
    private record Wrapped(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    @BeforeEach
    void wrapEverything() {
        Bridge.install(new Dispatcher() {
            @Override
            public Runnable contextRunnable(Runnable task) {
                return new Wrapped(task);
            }

            @Override
            public Runnable taskOf(Object queued) {
                return queued instanceof Wrapped wrapped ? wrapped.task() : null;
            }
        });
    }

    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    private static ThreadPoolExecutor pool(java.util.concurrent.BlockingQueue<Runnable> queue) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue);
    }

    @Test
    void aTaskForAFifoPoolIsWrapped() {
        ThreadPoolExecutor pool = pool(new LinkedBlockingQueue<>());
        try {
            Runnable task = () -> { };
            assertThat(Bridge.contextRunnable(pool, task)).isInstanceOf(Wrapped.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolThatOrdersItsQueueGetsTheAppsOwnTask() {
        // a priority queue compares the app's tasks: a wrapper would not be Comparable and the offer would throw
        ThreadPoolExecutor pool = pool(new PriorityBlockingQueue<>());
        try {
            Runnable task = () -> { };
            assertThat(Bridge.contextRunnable(pool, task)).isSameAs(task);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForkJoinTaskKeepsItsIdentity() {
        ForkJoinTask<?> task = ForkJoinTask.adapt(() -> { });
        assertThat(Bridge.contextRunnable(null, (Runnable) task)).isSameAs(task);
    }

    @Test
    void theAgentsOwnThreadsSubmitUnwrapped() throws Exception {
        Runnable task = () -> { };
        AtomicReference<Runnable> seen = new AtomicReference<>();
        Thread agent = new AgentThread(() -> seen.set(Bridge.contextRunnable(null, task)), "test-agent");
        agent.start();
        agent.join();
        assertThat(seen.get()).isSameAs(task);
    }

    @Test
    void removeFindsTheAppsTaskBehindItsWrapper() throws Exception {
        ThreadPoolExecutor pool = pool(new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.execute(() -> await(release)); // keeps the one worker busy, so the next task stays queued
            Runnable task = () -> { };
            pool.execute(Bridge.contextRunnable(pool, task));
            assertThat(pool.getQueue()).hasSize(1);
            assertThat(pool.remove(Bridge.queuedForm(pool, task))).isTrue();
            assertThat(pool.getQueue()).isEmpty();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownNowHandsBackTheAppsTasks() {
        ThreadPoolExecutor pool = pool(new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.execute(() -> await(release));
            Runnable task = () -> { };
            pool.execute(Bridge.contextRunnable(pool, task));
            List<Runnable> drained = pool.shutdownNow();
            Bridge.unwrapDrained(drained);
            assertThat(drained).containsExactly(task);
        } finally {
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
