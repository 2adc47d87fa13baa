package io.bulwark.instrumentation;

import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** Which types one piece of advice goes into, and onto which of their methods. */
public interface TypeInstrumentation {

    /**
     * A cheap check run before the type matcher: type matching walks the class hierarchy, so skip whole class
     * loaders that cannot see the API at all.
     */
    default ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ElementMatchers.any();
    }

    /**
     * For hooks on every implementation of an API type: its binary name. The installer then matches from class-file
     * headers ({@link SuperTypeIndex}), far cheaper than {@link #typeMatcher()}, which stays the fallback for
     * classes whose class file cannot be read. Null for hooks on one named class.
     */
    default String concreteSubtypeOf() {
        return null;
    }

    /** For hooks on one named class: its binary name, matched by name alone. Null otherwise. */
    default String namedType() {
        return null;
    }

    /**
     * Every method name {@link #methodMatcher()} can accept, or null when it may accept any. A class that matches
     * the type but declares none of these methods (an app's servlet that only overrides {@code doGet}) is then
     * left as it is rather than handed to Byte Buddy for a weave that would change nothing.
     */
    default Set<String> methodNames() {
        return null;
    }

    ElementMatcher<TypeDescription> typeMatcher();

    ElementMatcher<MethodDescription> methodMatcher();

    /** The advice class: a static nested-free class whose methods only gather arguments and call the bridge. */
    Class<?> adviceClass();
}
