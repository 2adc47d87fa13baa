package io.bulwark.policies.model;

/** Instrumentation groups a policy can switch off, named as in {@code instrumentation.disabled}. */
public enum HookGroup {
    SERVLET,
    JDBC,
    PROCESS,
    /** Request context carried to tasks the app hands to executors (thread pools, ForkJoinPool, CompletableFuture). */
    CONCURRENT
}
