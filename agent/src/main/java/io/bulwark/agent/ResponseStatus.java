package io.bulwark.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A response's status code, read through {@code HttpServletResponse.getStatus()} of whichever servlet API (jakarta
 * or javax) the response implements. The agent's loader cannot see the app's servlet API, so the method is found on
 * the response's interfaces once per class and kept as a handle.
 */
final class ResponseStatus {

    private static final String[] RESPONSE_TYPES = {
            "jakarta.servlet.http.HttpServletResponse", "javax.servlet.http.HttpServletResponse"};

    private static final ClassValue<MethodHandle> GET_STATUS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            for (String name : RESPONSE_TYPES) {
                Class<?> api = find(type, name);
                if (api != null) {
                    try {
                        return MethodHandles.publicLookup().findVirtual(api, "getStatus",
                                MethodType.methodType(int.class)).asType(MethodType.methodType(int.class, Object.class));
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    };

    private ResponseStatus() {
    }

    /** The status, or 0 when the response is not an HTTP servlet response or cannot say. */
    static int of(Object response) {
        if (response == null) {
            return 0;
        }
        MethodHandle getStatus = GET_STATUS.get(response.getClass());
        if (getStatus == null) {
            return 0;
        }
        try {
            return (int) getStatus.invokeExact(response);
        } catch (Throwable t) {
            return 0;
        }
    }

    private static Class<?> find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                if (api.getName().equals(name)) {
                    return api;
                }
                Class<?> deeper = find(api, name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }
}
