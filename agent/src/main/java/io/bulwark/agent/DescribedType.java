package io.bulwark.agent;

import io.bulwark.instrumentation.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A hook's type rule judged on Byte Buddy's description of a class, for the rare class whose class file cannot be
 * read (generated at run time, or changed by another agent). Byte Buddy loads only when such a class turns up.
 */
final class DescribedType {

    private DescribedType() {
    }

    static boolean matches(TypeInstrumentation ti, TypeDescription type) {
        if (ti.namedType() != null) {
            return ti.namedType().equals(type.getName());
        }
        String superType = ti.concreteSubtypeOf();
        return superType != null && !type.isInterface()
                && ElementMatchers.hasSuperType(ElementMatchers.named(superType)).matches(type);
    }
}
