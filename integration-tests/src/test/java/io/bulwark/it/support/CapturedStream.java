package io.bulwark.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One output stream of a forked JVM, read line by line on a daemon thread and kept in memory for assertions.
 * Bounded: a runaway child cannot exhaust the test JVM's heap; lines past the cap are counted, not kept.
 */
final class CapturedStream {

    private static final int MAX_LINES = 10_000;

    private final String name;
    private final List<String> lines = new ArrayList<>();
    private int dropped;
    private boolean ended;

    CapturedStream(String name, InputStream in) {
        this.name = name;
        Thread reader = new Thread(() -> readAll(in), "capture-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                append(line);
            }
        } catch (IOException e) {
            // The child was killed mid-line: what was read stays available.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void append(String line) {
        if (lines.size() < MAX_LINES) {
            lines.add(line);
        } else {
            dropped++;
        }
        notifyAll();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        String text = String.join("\n", lines);
        return dropped == 0 ? text : text + "\n[" + dropped + " more lines dropped]";
    }

    /** The first line matching, waiting for it up to the timeout; empty if the stream ended or time ran out. */
    synchronized Optional<String> awaitLine(Predicate<String> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matching.test(lines.get(checked))) {
                    return Optional.of(lines.get(checked));
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while waiting on " + name, e));
            }
        }
    }

    /** Waits up to the timeout for the stream to end, so that all output of an exited child has been read. */
    synchronized void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
