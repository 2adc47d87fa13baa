package io.bulwark.agent.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The log file and its rotated predecessors: {@code file} is written until the next line would take it past
 * {@code maxFileSize}; then {@code file.N} is deleted, {@code file.K} becomes {@code file.K+1} and {@code file}
 * becomes {@code file.1}. So at most {@code maxFiles} rotated files exist beside the live one.
 *
 * <p>Used by the writer thread only.
 */
final class RotatingFile {
    private static final int BUFFER_BYTES = 64 * 1024;

    private Path file;
    private long maxFileSize;
    private int maxFiles;
    private OutputStream out;
    private long size;

    RotatingFile(Path file, long maxFileSize, int maxFiles) {
        this.file = file;
        this.maxFileSize = maxFileSize;
        this.maxFiles = maxFiles;
    }

    Path path() {
        return file;
    }

    boolean isOpen() {
        return out != null;
    }

    /** Takes effect at once for the limits; a new path is used from the next {@link #open()}. */
    void reconfigure(Path newFile, long newMaxFileSize, int newMaxFiles) {
        file = newFile;
        maxFileSize = newMaxFileSize;
        maxFiles = newMaxFiles;
    }

    void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "a directory is in the way");
        }
        createOwnerOnly();
        out = new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE),
                BUFFER_BYTES);
        size = Files.size(file);
    }

    /** Appends the line {@code lines} last encoded ({@code length} bytes), rotating first when it would not fit. */
    void append(EcsJsonWriter lines, int length) throws IOException {
        if (size > 0 && size + length > maxFileSize) {
            rotate();
        }
        lines.writeTo(out);
        size += length;
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** Closes without throwing: used when the file has already failed, or at shutdown after a flush. */
    void closeQuietly() {
        OutputStream closing = out;
        out = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (IOException ignored) {
                // Already failing or shutting down: the caller reports the state, not this second error.
            }
        }
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (maxFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(maxFiles));
            for (int i = maxFiles - 1; i >= 1; i--) {
                Path from = rotated(i);
                if (Files.exists(from)) {
                    Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    /** The log holds client addresses and user ids: where the file system allows, only owner and group may read. */
    private void createOwnerOnly() throws IOException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between the check and here; appending to it is what we want.
        }
    }

    /** Why a path cannot be written, in words for the one stderr line; never more than the path and the cause. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "not a directory: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
