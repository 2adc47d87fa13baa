package io.bulwark.agent.metrics;

/** {@code io.bulwark:type=Agent}: the agent itself: its failures and its policy. */
public interface AgentMBean {

    String getVersion();

    /** The policy file in force, or {@code built-in default}. */
    String getPolicySource();

    /** 1 at start, plus one per reload put in force: tells which edit of the file is running. */
    long getPolicyGeneration();

    long getPolicyReloads();

    /** Reloads refused (invalid or not activatable): the previous policy stayed in force. */
    long getPolicyReloadsRejected();

    /** Unexpected failures inside the agent (advice, entry, sinks) that were caught so the app went on. */
    long getAdviceErrors();
}
