package io.bulwark.policies.ratelimit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Keeps Lettuce, Netty and Reactor quiet. Left alone, Netty picks a logging backend on first use (java.util.logging
 * inside the agent, since the agent's loader sees no SLF4J) and Lettuce then prints "Reconnecting..." lines into the
 * app's stderr; Reactor falls back to console loggers. Touching JUL from the agent would also fix the JVM's
 * {@code LogManager} before the app configures its own. The agent reports what matters about Redis (outage, recovery)
 * itself, through {@link RedisStore.OutageListener}, so their own messages are discarded.
 *
 * <p>Must run before the first Netty or Reactor class that holds a logger is initialised: {@link RedisStore} calls it
 * from its static initialiser, ahead of any Lettuce type.
 */
final class LibraryLogging {

    private static volatile boolean silenced;

    private LibraryLogging() {
    }

    static synchronized void silence() {
        if (silenced) {
            return;
        }
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                new io.netty.util.internal.logging.InternalLoggerFactory() {
                    @Override
                    protected io.netty.util.internal.logging.InternalLogger newInstance(String name) {
                        return discarding(io.netty.util.internal.logging.InternalLogger.class, name);
                    }
                });
        reactor.util.Loggers.useCustomLoggers(name -> discarding(reactor.util.Logger.class, name));
        silenced = true;
    }

    /**
     * A logger whose every level is off. A proxy rather than a class per library: both logger interfaces have some
     * forty overloads, and each of them must do nothing.
     */
    private static <T> T discarding(Class<T> type, String name) {
        InvocationHandler handler = (proxy, method, args) -> {
            Class<?> returns = method.getReturnType();
            if (returns == boolean.class) {
                return method.getName().equals("equals") ? proxy == args[0] : Boolean.FALSE;
            }
            if (returns == String.class) {
                return name;
            }
            if (returns == int.class) {
                return System.identityHashCode(proxy);
            }
            return null;
        };
        return type.cast(Proxy.newProxyInstance(LibraryLogging.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
