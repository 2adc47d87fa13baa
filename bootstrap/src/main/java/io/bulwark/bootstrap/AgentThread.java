package io.bulwark.bootstrap;

/** Threads the agent owns (log writer, policy watcher, Redis I/O). Hooks skip them: the agent never checks itself. */
public final class AgentThread extends Thread {

    public AgentThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    static boolean isCurrent() {
        return Thread.currentThread() instanceof AgentThread;
    }
}
