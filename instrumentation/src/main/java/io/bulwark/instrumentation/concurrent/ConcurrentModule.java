package io.bulwark.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

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
    private static final Set<String> JDK_INTERNAL_NAMES = Set.of(THREAD_POOL, FORK_JOIN_POOL,
            COMPLETABLE_THREAD_PER_TASK, THREAD_PER_TASK).stream().map(name -> name.replace('.', '/'))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

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
                new JdkExecutorInstrumentation(THREAD_POOL, runnableArgument("execute"), RunnableSubmitAdvice.class),
                new JdkExecutorInstrumentation(THREAD_POOL, runnableArgument("remove"), QueuedTaskRemoveAdvice.class),
                new JdkExecutorInstrumentation(THREAD_POOL, named("shutdownNow").and(takesArguments(0)),
                        DrainedTasksAdvice.class),
                new JdkExecutorInstrumentation(FORK_JOIN_POOL,
                        isPublic().and(named("execute").or(named("submit"))).and(takesArgument(0, Runnable.class)),
                        RunnableSubmitAdvice.class),
                new JdkExecutorInstrumentation(FORK_JOIN_POOL,
                        isPublic().and(named("submit")).and(takesArguments(1)).and(takesArgument(0, Callable.class)),
                        CallableSubmitAdvice.class),
                new JdkExecutorInstrumentation(COMPLETABLE_THREAD_PER_TASK, runnableArgument("execute"),
                        RunnableSubmitAdvice.class),
                new JdkExecutorInstrumentation(THREAD_PER_TASK, runnableArgument("execute"),
                        RunnableSubmitAdvice.class),
                new JdkExecutorInstrumentation(THREAD_PER_TASK,
                        isPublic().and(named("submit")).and(takesArguments(1)).and(takesArgument(0, Callable.class)),
                        CallableSubmitAdvice.class));
    }

    private static net.bytebuddy.matcher.ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription>
            runnableArgument(String method) {
        return named(method).and(takesArguments(1)).and(takesArgument(0, Runnable.class));
    }
}
