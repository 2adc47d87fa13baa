package io.bulwark.agent;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A hook's type rule judged on a loaded class, for the rare class being retransformed whose class file cannot be
 * read (generated at run time): its {@code Class} names its supertypes. Compared by name, so the API type need not
 * be visible from the agent.
 */
final class LoadedTypes {

    /** Deep enough for any real hierarchy; a bound, since the walk runs inside a class transformation. */
    private static final int MAX_TYPES = 256;

    private LoadedTypes() {
    }

    static boolean isConcreteSubtype(Class<?> type, String superType) {
        if (type.isInterface()) {
            return false;
        }
        ArrayDeque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty() && seen.size() < MAX_TYPES) {
            Class<?> next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next.getName().equals(superType)) {
                return true;
            }
            if (next.getSuperclass() != null) {
                pending.add(next.getSuperclass());
            }
            for (Class<?> implemented : next.getInterfaces()) {
                pending.add(implemented);
            }
        }
        return false;
    }
}
