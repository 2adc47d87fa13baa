package io.bulwark.agent;

import io.bulwark.instrumentation.servlet.ServletApi;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Non-blocking reads of a body the agent saved at entry. The container's stream is already at its end, so left to
 * itself it would call {@code onAllDataRead} without ever offering data; instead the listener is called here, on the
 * thread that set it, as a container may: {@code onDataAvailable} (every saved byte is ready, {@code isReady()} stays
 * true until they are read), then {@code onAllDataRead}, or {@code onError} with what either threw.
 */
final class ReadListenerReplay {

    private ReadListenerReplay() {
    }

    /** @return false when {@code listener} is no ReadListener this loader knows: the container handles it */
    static boolean deliver(Object listener, ClassLoader streamLoader) {
        Class<?> type = listenerType(listener, streamLoader);
        if (type == null) {
            return false;
        }
        try {
            try {
                type.getMethod("onDataAvailable").invoke(listener);
                type.getMethod("onAllDataRead").invoke(listener);
            } catch (InvocationTargetException thrown) {
                type.getMethod("onError", Throwable.class).invoke(listener, thrown.getCause());
            }
        } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException e) {
            // onError itself threw: as with a container, nothing is left to tell
        }
        return true;
    }

    private static Class<?> listenerType(Object listener, ClassLoader loader) {
        for (ServletApi api : ServletApi.values()) {
            try {
                Class<?> type = Class.forName(api.type("ReadListener"), false, loader);
                if (type.isInstance(listener)) {
                    return type;
                }
            } catch (ClassNotFoundException | LinkageError notThisApi) {
                // try the other API
            }
        }
        return null;
    }
}
