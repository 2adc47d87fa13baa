package io.bulwark.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a process to completion and returns what it printed (stdout and stderr together, first 64 KB). */
record ProcessOutput(int exitCode, String text) {

    private static final int MAX_BYTES = 64 * 1024;

    static ProcessOutput run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] kept;
        try (InputStream in = process.getInputStream()) {
            kept = in.readNBytes(MAX_BYTES);
            // Drain the rest so the process never blocks on a full pipe.
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new ProcessOutput(-1, new String(kept, StandardCharsets.UTF_8));
        }
        return new ProcessOutput(process.exitValue(), new String(kept, StandardCharsets.UTF_8));
    }
}
