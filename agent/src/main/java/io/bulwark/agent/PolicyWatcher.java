package io.bulwark.agent;

import io.bulwark.bootstrap.AgentThread;
import java.io.File;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices edits to the policy file by polling its size and modification time. Polling, not a WatchService: it
 * works on every file system (network mounts, Kubernetes ConfigMap symlink swaps) and touches no NIO watch
 * machinery during start-up. A change is reported once the file has been stable for one poll, so an editor's
 * half-written save is not loaded.
 */
final class PolicyWatcher implements Runnable {

    private final File file;
    private final long intervalNanos;
    private final Runnable onChange;
    private volatile boolean stopped;

    private long seenModified;
    private long seenSize;

    PolicyWatcher(File file, long intervalMillis, Runnable onChange) {
        this.file = file;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.onChange = onChange;
        this.seenModified = file.lastModified();
        this.seenSize = file.length();
    }

    void start() {
        new AgentThread(this, "bulwark-policy-watcher").start();
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long pendingModified = -1;
        long pendingSize = -1;
        while (!stopped) {
            LockSupport.parkNanos(intervalNanos);
            long modified = file.lastModified();
            long size = file.length();
            if (modified == seenModified && size == seenSize) {
                pendingModified = -1;
                continue;
            }
            if (modified != pendingModified || size != pendingSize) {
                pendingModified = modified; // changed since last poll: wait one more poll for the write to settle
                pendingSize = size;
                continue;
            }
            seenModified = modified;
            seenSize = size;
            pendingModified = -1;
            try {
                onChange.run();
            } catch (RuntimeException | LinkageError e) {
                // a reload failure must not end the watcher: the next edit gets its chance
                System.err.println(Diagnostics.PREFIX + "policy reload failed: " + e);
            }
        }
    }
}
