package io.bulwark.agent.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The loop of the attack log's one writer thread: drains the queue, encodes and appends, rotates, reports drops,
 * and survives an unwritable file by dropping, saying so once, and trying again every {@code reopenInterval}.
 *
 * <p>Nothing here may end the loop but {@link #stop()}: a failure to encode one event drops that event, a failure to
 * write closes the file and drops until it reopens.
 */
final class AttackLogWriter implements Runnable {
    /** Events drained per round when nobody waits for a flush; keeps drop reports and reopen attempts on time. */
    private static final int BATCH = 512;
    private static final long MAX_PARK_NANOS = 1_000_000_000L;

    private final EventQueue queue;
    private final DropCounter drops;
    private final Consumer<String> stderr;
    private final Clock clock;
    private final EcsJsonWriter lines = new EcsJsonWriter();
    private final RotatingFile file;
    private final AtomicReference<AttackLogSettings> pendingSettings = new AtomicReference<>();
    private final AtomicLong flushRequested = new AtomicLong();
    /** Events appended (drop reports not included), for the metrics; only this thread adds to it. */
    private final AtomicLong written = new AtomicLong();
    private final Object flushMonitor = new Object();
    private long flushDone;
    private volatile boolean stopping;
    private volatile boolean finished;

    /** Written by the writer thread only; {@link #reconfigure} reads just the parts that never change. */
    private AttackLogSettings settings;
    private final AttackLogSettings initial;
    private Instant nextOpenAttempt;
    private boolean saidUnwritable;
    private boolean saidEncodeFailure;
    private boolean saidUnexpected;
    private boolean reportDropsNow;
    private Instant dropWindowStart;

    AttackLogWriter(AttackLogSettings settings, EventQueue queue, DropCounter drops, Consumer<String> stderr,
                    Clock clock) {
        this.settings = settings;
        this.initial = settings;
        this.queue = queue;
        this.drops = drops;
        this.stderr = stderr;
        this.clock = clock;
        this.file = new RotatingFile(settings.file(), settings.maxFileSize(), settings.maxFiles());
        Instant now = clock.instant();
        this.nextOpenAttempt = now;
        this.dropWindowStart = now;
    }

    @Override
    public void run() {
        try {
            boolean done = false;
            while (!done) {
                try {
                    done = round();
                } catch (RuntimeException e) {
                    unexpected(e);
                    LockSupport.parkNanos(this, parkNanos());
                }
            }
        } finally {
            finished = true;
            synchronized (flushMonitor) {
                flushMonitor.notifyAll();
            }
        }
    }

    /** One round of the loop; returns true when the log is stopping and everything queued has been handled. */
    private boolean round() {
        boolean last = stopping;
        long flushTicket = flushRequested.get();
        int owed = queue.size();
        applyPendingSettings();
        int drained = drain(Math.max(owed, BATCH));
        Instant now = clock.instant();
        ensureOpen(now);
        reportDrops(now, last);
        if (last && queue.size() == 0) {
            flushFile();
            file.closeQuietly();
            completeFlush(flushTicket);
            return true;
        }
        if (flushTicket > flushDone) {
            flushFile();
            completeFlush(flushTicket);
        } else if (drained > 0 && queue.size() == 0) {
            // caught up: put the lines on disk now, so `tail -f` and log shippers see an attack as it happens;
            // under a flood the queue rarely empties and writes stay batched
            flushFile();
        }
        if (drained == 0 && !stopping && flushRequested.get() == flushTicket) {
            LockSupport.parkNanos(this, parkNanos());
        }
        return false;
    }

    /** Asks the loop to drain what is queued, write it, close the file and end. */
    void stop() {
        stopping = true;
    }

    boolean finished() {
        return finished;
    }

    /** Takes effect before the next batch: events queued before the call may still go to the new file. */
    void reconfigure(Path path, long maxFileSize, int maxFiles) {
        pendingSettings.set(new AttackLogSettings(path, maxFileSize, maxFiles, initial.queueCapacity(),
                initial.reopenInterval(), initial.dropReportWindow()));
    }

    /** Returns a ticket that {@link #awaitFlush} waits for; the caller wakes the thread. */
    long requestFlush() {
        return flushRequested.incrementAndGet();
    }

    boolean awaitFlush(long ticket, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (flushMonitor) {
            while (flushDone < ticket && !finished) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                flushMonitor.wait(left);
            }
            return flushDone >= ticket || queue.size() == 0;
        }
    }

    /** Returns how many events were taken off the queue, written or not. */
    private int drain(int max) {
        int drained = 0;
        while (drained < max) {
            AttackEvent event = queue.poll();
            if (event == null) {
                break;
            }
            drained++;
            write(event);
        }
        return drained;
    }

    private void write(AttackEvent event) {
        if (!ensureOpen(clock.instant())) {
            drops.unwritable(1);
            return;
        }
        int length;
        try {
            length = lines.encode(event);
        } catch (IOException | RuntimeException e) {
            drops.unwritable(1);
            if (!saidEncodeFailure) {
                saidEncodeFailure = true;
                say("[bulwark] attack log: an event could not be encoded and was dropped ("
                        + e.getClass().getSimpleName() + ")");
            }
            return;
        }
        try {
            file.append(lines, length);
            written.incrementAndGet();
        } catch (IOException e) {
            // Lines still in the stream's buffer when a write fails are lost uncounted: the buffer cannot say how
            // many of them the OS had already taken.
            drops.unwritable(1);
            failed(e);
        }
    }

    long written() {
        return written.get();
    }

    private boolean ensureOpen(Instant now) {
        if (file.isOpen()) {
            return true;
        }
        if (now.isBefore(nextOpenAttempt)) {
            return false;
        }
        try {
            file.open();
        } catch (IOException | RuntimeException e) {
            failed(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            return false;
        }
        if (saidUnwritable) {
            saidUnwritable = false;
            reportDropsNow = true;
            say("[bulwark] attack log " + file.path() + " is writable again");
        }
        return true;
    }

    private void failed(IOException e) {
        file.closeQuietly();
        nextOpenAttempt = clock.instant().plus(settings.reopenInterval());
        if (!saidUnwritable) {
            saidUnwritable = true;
            say("[bulwark] attack log " + file.path() + " is not writable (" + RotatingFile.reason(e)
                    + "); events are dropped until it is");
        }
    }

    /**
     * One {@code log-events-dropped} event per window with drops; at once after an outage ends and at the end, so a
     * reader sees the gap next to where it happened. Counts that cannot be written yet wait for the next report.
     */
    private void reportDrops(Instant now, boolean finalReport) {
        boolean windowOver = !now.isBefore(dropWindowStart.plus(settings.dropReportWindow()));
        if (!windowOver && !reportDropsNow && !finalReport) {
            return;
        }
        if (!file.isOpen()) {
            return;
        }
        reportDropsNow = false;
        long queueFull = drops.takeQueueFull();
        long unwritable = drops.takeUnwritable();
        Instant start = dropWindowStart;
        dropWindowStart = now;
        if (queueFull + unwritable == 0) {
            return;
        }
        AttackEvent report = DropReport.event(start, now, queueFull, unwritable, queue.capacity());
        try {
            file.append(lines, lines.encode(report));
        } catch (IOException e) {
            drops.restore(queueFull, unwritable);
            failed(e);
        }
    }

    private void applyPendingSettings() {
        AttackLogSettings next = pendingSettings.getAndSet(null);
        if (next == null) {
            return;
        }
        boolean samePath = next.file().toAbsolutePath().equals(settings.file().toAbsolutePath());
        settings = next;
        if (!samePath) {
            flushFile();
            file.closeQuietly();
            saidUnwritable = false;
            nextOpenAttempt = clock.instant();
        }
        file.reconfigure(next.file(), next.maxFileSize(), next.maxFiles());
    }

    private void flushFile() {
        try {
            file.flush();
        } catch (IOException e) {
            failed(e);
        }
    }

    private void completeFlush(long ticket) {
        synchronized (flushMonitor) {
            if (ticket > flushDone) {
                flushDone = ticket;
            }
            flushMonitor.notifyAll();
        }
    }

    private long parkNanos() {
        long window = Math.min(settings.reopenInterval().toNanos(), settings.dropReportWindow().toNanos());
        return Math.min(window, MAX_PARK_NANOS);
    }

    private void unexpected(RuntimeException e) {
        if (!saidUnexpected) {
            saidUnexpected = true;
            say("[bulwark] attack log writer: unexpected " + e.getClass().getName() + "; it keeps running");
        }
    }

    private void say(String line) {
        try {
            stderr.accept(line);
        } catch (RuntimeException ignored) {
            // A broken stderr consumer must not stop the writer; there is nowhere left to say it.
        }
    }
}
