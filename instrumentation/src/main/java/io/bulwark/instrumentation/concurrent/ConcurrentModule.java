package io.bulwark.instrumentation.concurrent;

import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;
import java.util.Set;

/**
 * Executors of {@code java.util.concurrent}: a task an app submits while serving a request runs on a pool thread,
 * where the serving thread's request state is not; its submission is hooked so the task carries it, and a sink the
 * task reaches is still judged against that request's inputs. Only the JDK's own executors are hooked: servlet
 * containers run requests on pools of their own, which must never inherit a request.
 */
public final class ConcurrentModule implements InstrumentationModule {

    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    /** Where {@code CompletableFuture.*Async} goes when the common pool has a single thread (two cores or fewer). */
    private static final String COMPLETABLE_THREAD_PER_TASK =
            "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
    /** JDK 21+: {@code Executors.newVirtualThreadPerTaskExecutor()} and {@code newThreadPerTaskExecutor}. */
    private static final String THREAD_PER_TASK = "java.util.concurrent.ThreadPerTaskExecutor";

    /** The JDK classes hooked here, as internal names: the installer's ignore rule lets exactly these through. */
    private static final Set<String> JDK_INTERNAL_NAMES = Set.of(THREAD_POOL.replace('.', '/'),
            FORK_JOIN_POOL.replace('.', '/'), COMPLETABLE_THREAD_PER_TASK.replace('.', '/'),
            THREAD_PER_TASK.replace('.', '/'));
    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String CALLABLE = "Ljava/util/concurrent/Callable;";

    /** Whether {@code internalName} ({@code java/util/concurrent/ThreadPoolExecutor}) is a JDK class hooked here. */
    public static boolean hooksJdkClass(String internalName) {
        return JDK_INTERNAL_NAMES.contains(internalName);
    }

    @Override
    public String name() {
        return "concurrent";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(
                new JdkExecutorInstrumentation(THREAD_POOL, MethodRule.named("execute").takes(RUNNABLE),
                        ExecutorHookCode.RUNNABLE_SUBMIT),
                new JdkExecutorInstrumentation(THREAD_POOL, MethodRule.named("remove").takes(RUNNABLE),
                        ExecutorHookCode.QUEUED_REMOVE),
                new JdkExecutorInstrumentation(THREAD_POOL, MethodRule.named("shutdownNow").takes(),
                        ExecutorHookCode.DRAINED),
                new JdkExecutorInstrumentation(FORK_JOIN_POOL,
                        MethodRule.named("execute", "submit").publicOnly().firstTakes(RUNNABLE),
                        ExecutorHookCode.RUNNABLE_SUBMIT),
                new JdkExecutorInstrumentation(FORK_JOIN_POOL,
                        MethodRule.named("submit").publicOnly().takes(CALLABLE), ExecutorHookCode.CALLABLE_SUBMIT),
                new JdkExecutorInstrumentation(COMPLETABLE_THREAD_PER_TASK, MethodRule.named("execute").takes(RUNNABLE),
                        ExecutorHookCode.RUNNABLE_SUBMIT),
                new JdkExecutorInstrumentation(THREAD_PER_TASK, MethodRule.named("execute").takes(RUNNABLE),
                        ExecutorHookCode.RUNNABLE_SUBMIT),
                new JdkExecutorInstrumentation(THREAD_PER_TASK,
                        MethodRule.named("submit").publicOnly().takes(CALLABLE), ExecutorHookCode.CALLABLE_SUBMIT));
    }
}
