package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts policy files where the agent looks for them. */
public final class PolicyFiles {

    public static final String DEFAULT_NAME = "bulwark-policy.json";

    private PolicyFiles() {
    }

    /** Copies integration-tests/demo/bulwark-policy.json into the directory, under the name the agent discovers. */
    public static Path copyDemoPolicy(Path directory) {
        try {
            return Files.copy(TestJars.demoPolicy(), directory.resolve(DEFAULT_NAME),
                StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (or rewrites in place, as an editor would) a policy file. */
    public static Path write(Path file, String json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
