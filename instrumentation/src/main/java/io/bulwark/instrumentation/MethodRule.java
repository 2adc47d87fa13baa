package io.bulwark.instrumentation;

import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Which methods of a matched class a hook goes into, judged from what the class file says of each method (access
 * flags, name, descriptor), so deciding costs no class loading and no type descriptions. Abstract and native methods
 * never match: they have no code to weave.
 */
public final class MethodRule {

    private final Set<String> names;
    /** The parameter list's descriptor, {@code (Ljava/lang/String;)}, or null for any parameters. */
    private final String parameters;
    /** Parameter 0's descriptor when only that one is fixed, or null. */
    private final String firstParameter;
    /** The return type's descriptor, or null for any. */
    private final String returns;
    private final int requiredAccess;
    private final int forbiddenAccess;

    private MethodRule(Set<String> names, String parameters, String firstParameter, String returns,
                       int requiredAccess, int forbiddenAccess) {
        this.names = names;
        this.parameters = parameters;
        this.firstParameter = firstParameter;
        this.returns = returns;
        this.requiredAccess = requiredAccess;
        this.forbiddenAccess = forbiddenAccess | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE;
    }

    /** Methods of any of these names. */
    public static MethodRule named(String... names) {
        return new MethodRule(Set.of(names), null, null, null, 0, 0);
    }

    /** ...taking exactly these parameters, as descriptors ({@code "[B", "I"}, {@code "Ljava/lang/Runnable;"}). */
    public MethodRule takes(String... parameterDescriptors) {
        return new MethodRule(names, "(" + String.join("", parameterDescriptors) + ")", firstParameter, returns,
                requiredAccess, forbiddenAccess);
    }

    /** ...whose first parameter is this one, whatever follows. */
    public MethodRule firstTakes(String parameterDescriptor) {
        return new MethodRule(names, parameters, parameterDescriptor, returns, requiredAccess, forbiddenAccess);
    }

    /** ...returning this type (a descriptor: {@code "V"}, {@code "Ljava/security/Principal;"}). */
    public MethodRule returns(String descriptor) {
        return new MethodRule(names, parameters, firstParameter, descriptor, requiredAccess, forbiddenAccess);
    }

    public MethodRule instanceOnly() {
        return new MethodRule(names, parameters, firstParameter, returns, requiredAccess,
                forbiddenAccess | Opcodes.ACC_STATIC);
    }

    public MethodRule staticOnly() {
        return new MethodRule(names, parameters, firstParameter, returns, requiredAccess | Opcodes.ACC_STATIC,
                forbiddenAccess);
    }

    public MethodRule publicOnly() {
        return new MethodRule(names, parameters, firstParameter, returns, requiredAccess | Opcodes.ACC_PUBLIC,
                forbiddenAccess);
    }

    public boolean matches(int access, String name, String descriptor) {
        if ((access & requiredAccess) != requiredAccess || (access & forbiddenAccess) != 0 || !names.contains(name)) {
            return false;
        }
        int close = descriptor.indexOf(')');
        if (parameters != null && !descriptor.regionMatches(0, parameters, 0, close + 1)
                || parameters != null && parameters.length() != close + 1) {
            return false;
        }
        if (firstParameter != null && !descriptor.startsWith(firstParameter, 1)) {
            return false;
        }
        return returns == null || (descriptor.length() - close - 1 == returns.length()
                && descriptor.startsWith(returns, close + 1));
    }

    @Override
    public String toString() {
        return names + (parameters != null ? parameters : firstParameter != null ? "(" + firstParameter + "...)"
                : "(...)") + (returns != null ? returns : "");
    }
}
