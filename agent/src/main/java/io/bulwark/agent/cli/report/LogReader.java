package io.bulwark.agent.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Feeds every line of one file (plain or gzip) into a {@link LogSummary}. */
final class LogReader {
    /** Far above the agent's longest line (its fields are capped at a few KB); anything longer is not its line. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final LogLineParser parser = new LogLineParser();
    private final LogLine line = new LogLine();

    void read(Path file, LogSummary into) throws IOException {
        into.files.add(file.toString());
        try (InputStream in = LogFileInput.open(file)) {
            LineSplitter lines = new LineSplitter(in, MAX_LINE_BYTES);
            LineSplitter.Line next;
            while ((next = lines.next()) != LineSplitter.Line.END) {
                if (next == LineSplitter.Line.OVERSIZED) {
                    into.lines++;
                    into.malformed++;
                    into.oversized++;
                    continue;
                }
                if (isBlank(lines.bytes(), lines.offset(), lines.length())) {
                    continue;
                }
                into.lines++;
                switch (parser.parse(lines.bytes(), lines.offset(), lines.length(), line)) {
                    case EVENT -> into.accept(line);
                    case FOREIGN -> into.foreign++;
                    case MALFORMED -> into.malformed++;
                }
            }
        }
    }

    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
