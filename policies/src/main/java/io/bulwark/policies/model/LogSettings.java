package io.bulwark.policies.model;

/**
 * The attack log: a JSON-lines file, rotated by size.
 *
 * @param path        relative to the working directory
 * @param maxFileSize size at which the file is rotated
 * @param maxFiles    rotated files kept, the current one included
 */
public record LogSettings(String path, ByteSize maxFileSize, Integer maxFiles) {

    public static final String DEFAULT_PATH = "bulwark-attacks.jsonl";
    public static final ByteSize DEFAULT_MAX_FILE_SIZE = ByteSize.of("100MB");
    public static final int DEFAULT_MAX_FILES = 10;

    public LogSettings {
        path = path == null ? DEFAULT_PATH : path;
        maxFileSize = maxFileSize == null ? DEFAULT_MAX_FILE_SIZE : maxFileSize;
        maxFiles = maxFiles == null ? DEFAULT_MAX_FILES : maxFiles;
    }

    static LogSettings defaults() {
        return new LogSettings(null, null, null);
    }
}
