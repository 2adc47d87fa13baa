package io.bulwark.agent.log;

import io.bulwark.bootstrap.AgentThread;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The attack log: request threads {@link #offer} events, one agent-owned thread writes them as JSON lines.
 *
 * <p>The promise is that the log never blocks or breaks a request. {@link #offer} never waits; a full queue, a closed
 * log or an unwritable file drops the event and counts it, and the writer turns the counts into
 * {@code log-events-dropped} events. Nothing here throws into a caller after construction. A shutdown hook drains
 * the queue, so a normal JVM exit loses nothing.
 */
public final class AttackLog implements AutoCloseable {
    private static final long DEFAULT_FLUSH_TIMEOUT_MILLIS = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

    private final EventQueue queue;
    private final DropCounter drops = new DropCounter();
    private final AttackLogWriter writer;
    private Thread writerThread;
    private Thread shutdownHook;
    private volatile boolean closed;

    /** With the default reopen interval (30 s) and drop-report window (10 s). */
    public AttackLog(Path file, long maxFileSize, int maxFiles, int queueCapacity, Consumer<String> stderr,
                     Clock clock) {
        this(AttackLogSettings.of(file, maxFileSize, maxFiles).withQueueCapacity(queueCapacity), stderr, clock);
    }

    /**
     * @param stderr where the few lines about the log itself go (not writable, writable again); the agent passes
     *               {@code System.err::println}
     * @param clock  for drop windows and reopen attempts; events carry their own timestamps
     * @throws IllegalArgumentException only for invalid settings, never afterwards
     */
    public AttackLog(AttackLogSettings settings, Consumer<String> stderr, Clock clock) {
        this.queue = new EventQueue(settings.queueCapacity());
        this.writer = new AttackLogWriter(settings, queue, drops, stderr, clock);
    }

    /** Starts the writer thread and registers the shutdown hook. Idempotent; events offered before are kept. */
    public synchronized void start() {
        if (writerThread != null || closed) {
            return;
        }
        writerThread = new AgentThread(writer, "bulwark-attack-log");
        writerThread.start();
        shutdownHook = new AgentThread(this::close, "bulwark-attack-log-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            shutdownHook = null;
        }
    }

    /**
     * Queues {@code event} for writing. Never blocks and never throws.
     *
     * @return false when the event was dropped (queue full or log closed); it is counted in {@link #dropped()}
     */
    public boolean offer(AttackEvent event) {
        if (event == null) {
            return false;
        }
        if (closed) {
            drops.queueFull();
            return false;
        }
        EventQueue.Offered offered = queue.offer(event);
        if (offered == EventQueue.Offered.FULL) {
            drops.queueFull();
            return false;
        }
        if (offered == EventQueue.Offered.ADDED_TO_EMPTY) {
            // Only the first event after the queue ran dry wakes the writer: during a flood the queue is never empty
            // and request threads pay no wake-up at all.
            Thread thread = writerThread;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
        return true;
    }

    /** {@link #flush(Duration)} with a 10 s limit. */
    public boolean flush() {
        return flush(Duration.ofMillis(DEFAULT_FLUSH_TIMEOUT_MILLIS));
    }

    /**
     * Waits until every event queued before the call is written and the file is flushed (or dropped, when the file
     * is not writable). For tests and shutdown; request threads never call it.
     *
     * @return false when the writer is not running or did not finish within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        Thread thread = writerThread;
        if (thread == null || writer.finished()) {
            return false;
        }
        long ticket = writer.requestFlush();
        LockSupport.unpark(thread);
        try {
            return writer.awaitFlush(ticket, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Moves the log or changes its limits (policy reload). Applied by the writer before its next batch; events
     * queued just before the call may land in the new file.
     *
     * @throws IllegalArgumentException for values {@link AttackLogSettings} refuses (the policy validator runs first)
     */
    public void reconfigure(Path file, long maxFileSize, int maxFiles) {
        writer.reconfigure(file, maxFileSize, maxFiles);
        Thread thread = writerThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Events appended to the file since the log was created (its own drop reports not included). */
    public long written() {
        return writer.written();
    }

    /** Events that never reached the file since the log was created: queue full, log closed, file not writable. */
    public long dropped() {
        return drops.total();
    }

    /**
     * Stops accepting events, writes everything already queued, closes the file. Waits up to 10 s for the writer.
     * Also run by the shutdown hook. When the log was never started, the queue is drained on the calling thread.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = writerThread;
        }
        writer.stop();
        if (thread == null) {
            writer.run();
        } else {
            LockSupport.unpark(thread);
            try {
                thread.join(CLOSE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            removeShutdownHook();
        }
        if (writer.finished()) {
            // An offer that passed the closed check just before close() may land after the writer's last round.
            while (queue.poll() != null) {
                drops.queueFull();
            }
        }
    }

    private void removeShutdownHook() {
        Thread hook;
        synchronized (this) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook == null || hook == Thread.currentThread()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook is running or about to, and finds the log closed.
        }
    }
}
