package io.bulwark.agent.log;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the attack log writes.
 *
 * @param file              the live file; rotated files are {@code file.1} ... {@code file.maxFiles}
 * @param maxFileSize       bytes after which the file is rotated (a single longer line still gets written)
 * @param maxFiles          how many rotated files are kept beside the live one; 0 keeps none
 * @param queueCapacity     events waiting for the writer; more are dropped and counted
 * @param reopenInterval    how often an unwritable file is tried again
 * @param dropReportWindow  at most one {@code log-events-dropped} event per window
 */
public record AttackLogSettings(Path file, long maxFileSize, int maxFiles, int queueCapacity,
                                Duration reopenInterval, Duration dropReportWindow) {
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    public static final Duration DEFAULT_REOPEN_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DROP_REPORT_WINDOW = Duration.ofSeconds(10);

    public AttackLogSettings {
        if (file == null) {
            throw new IllegalArgumentException("file is required");
        }
        if (maxFileSize < 1) {
            throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
        }
        if (maxFiles < 0 || maxFiles > 1000) {
            throw new IllegalArgumentException("maxFiles must be between 0 and 1000: " + maxFiles);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
        }
        if (reopenInterval == null || reopenInterval.isNegative() || reopenInterval.isZero()) {
            throw new IllegalArgumentException("reopenInterval must be positive: " + reopenInterval);
        }
        if (dropReportWindow == null || dropReportWindow.isNegative() || dropReportWindow.isZero()) {
            throw new IllegalArgumentException("dropReportWindow must be positive: " + dropReportWindow);
        }
    }

    /** The defaults for everything but the file's place and size. */
    public static AttackLogSettings of(Path file, long maxFileSize, int maxFiles) {
        return new AttackLogSettings(file, maxFileSize, maxFiles, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_REOPEN_INTERVAL, DEFAULT_DROP_REPORT_WINDOW);
    }

    public AttackLogSettings withQueueCapacity(int capacity) {
        return new AttackLogSettings(file, maxFileSize, maxFiles, capacity, reopenInterval, dropReportWindow);
    }

    public AttackLogSettings withReopenInterval(Duration interval) {
        return new AttackLogSettings(file, maxFileSize, maxFiles, queueCapacity, interval, dropReportWindow);
    }

    public AttackLogSettings withDropReportWindow(Duration window) {
        return new AttackLogSettings(file, maxFileSize, maxFiles, queueCapacity, reopenInterval, window);
    }
}
