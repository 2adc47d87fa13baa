package io.bulwark.agent.cli.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens one log file for reading, decompressing it when it is gzip. The magic bytes decide, not the name:
 * logrotate's {@code compress} and a hand-made {@code gzip} both yield {@code .gz}, but a renamed or copied file
 * may not say what it is.
 */
final class LogFileInput {
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private LogFileInput() {
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        try {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
                // GZIPInputStream reads concatenated members too, as `cat a.gz b.gz` produces.
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
