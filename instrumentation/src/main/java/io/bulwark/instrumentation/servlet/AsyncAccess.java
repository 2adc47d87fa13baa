package io.bulwark.instrumentation.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Calls {@code AsyncContext} of either servlet API on objects whose classes the agent's loader cannot see, and
 * makes {@code AsyncListener}s for it. A listener is a {@link Proxy} defined in the container's loader, since the
 * agent cannot implement an interface its own loader does not see.
 */
public final class AsyncAccess {

    private static final ClassValue<AsyncAccess> BY_CONTEXT_CLASS = new ClassValue<>() {
        @Override
        protected AsyncAccess computeValue(Class<?> type) {
            return resolve(type);
        }
    };
    private static final AsyncAccess NONE = new AsyncAccess();

    private final Class<?> listenerType;
    private final MethodHandle getRequest;
    private final MethodHandle complete;
    private final MethodHandle addListener;
    private final MethodHandle eventAsyncContext;

    private AsyncAccess() {
        listenerType = null;
        getRequest = complete = addListener = eventAsyncContext = null;
    }

    private AsyncAccess(ServletApi api, Class<?> contextType, ClassLoader loader) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> request = Class.forName(api.type("ServletRequest"), false, loader);
        Class<?> event = Class.forName(api.type("AsyncEvent"), false, loader);
        listenerType = Class.forName(api.type("AsyncListener"), false, loader);
        getRequest = erase(lookup.findVirtual(contextType, "getRequest", MethodType.methodType(request)));
        complete = erase(lookup.findVirtual(contextType, "complete", MethodType.methodType(void.class)));
        addListener = erase(lookup.findVirtual(contextType, "addListener",
                MethodType.methodType(void.class, listenerType)));
        eventAsyncContext = erase(lookup.findVirtual(event, "getAsyncContext", MethodType.methodType(contextType)));
    }

    private static MethodHandle erase(MethodHandle handle) {
        return handle.asType(handle.type().generic().changeReturnType(
                handle.type().returnType() == void.class ? void.class : Object.class));
    }

    private static AsyncAccess resolve(Class<?> type) {
        for (ServletApi api : ServletApi.values()) {
            try {
                Class<?> contextType = Class.forName(api.type("AsyncContext"), false, type.getClassLoader());
                if (contextType.isAssignableFrom(type)) {
                    return new AsyncAccess(api, contextType, type.getClassLoader());
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // this API is not visible from the container's loader; try the other
            }
        }
        return NONE;
    }

    /** The accessor for this async context's API, or null when it is not an {@code AsyncContext}. */
    public static AsyncAccess of(Object asyncContext) {
        if (asyncContext == null) {
            return null;
        }
        AsyncAccess access = BY_CONTEXT_CLASS.get(asyncContext.getClass());
        return access == NONE ? null : access;
    }

    public Object request(Object asyncContext) throws Throwable {
        return (Object) getRequest.invokeExact(asyncContext);
    }

    public void complete(Object asyncContext) throws Throwable {
        complete.invokeExact(asyncContext);
    }

    /**
     * Registers a listener that runs {@code onComplete} when the async cycle ends. The container calls
     * {@code onComplete} after a timeout or an error too, so that one callback covers every ending. When the app
     * starts a new async cycle the container drops its listeners and tells them through {@code onStartAsync};
     * the listener then registers itself again, as the servlet specification expects.
     */
    public void addCompletionListener(Object asyncContext, Runnable onComplete) throws Throwable {
        Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                new CompletionHandler(onComplete));
        addListener.invokeExact(asyncContext, listener);
    }

    private final class CompletionHandler implements InvocationHandler {
        private final Runnable onComplete;

        CompletionHandler(Runnable onComplete) {
            this.onComplete = onComplete;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "onComplete" -> onComplete.run();
                case "onStartAsync" -> {
                    Object next = (Object) eventAsyncContext.invokeExact(args[0]);
                    if (next != null) {
                        addListener.invokeExact(next, proxy);
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "BulwarkAsyncCompletion";
                }
                default -> {
                    // onError and onTimeout: onComplete follows them
                }
            }
            return null;
        }
    }
}
