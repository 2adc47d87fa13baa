package io.bulwark.instrumentation;

/**
 * What a hook adds to a method, as calls to static methods of the bootstrap {@code Bridge}: one on entry, one on
 * exit, and what their results do. The weaver ({@link HookWeaver}) turns this into a few instructions around the
 * method's own code; all logic stays in the bridge, so the woven code never branches but where this says
 * (skipping the body, replacing the return value or the exception), and that is what makes it safe to weave by hand.
 * <p>
 * Each call names the bridge method by name and descriptor; {@code HookCodeTest} checks every hook's calls against
 * the bridge, so a renamed bridge method fails the build rather than a weave.
 */
public final class HookCode {

    static final String BRIDGE = "io/bulwark/bootstrap/Bridge";
    static final String DENIED = "io/bulwark/bootstrap/Denied";

    /** A value handed to a bridge call. */
    public static final class Value {
        static final int THIS_KIND = -1;
        static final int METHOD_NAME_KIND = -2;
        static final int ENTER_KIND = -3;
        static final int RETURN_KIND = -4;
        static final int THROWN_KIND = -5;
        static final int CONSTANT_KIND = -6;

        /** The object the method runs on. */
        public static final Value THIS = new Value(THIS_KIND);
        /** The method's name, a constant. */
        public static final Value METHOD_NAME = new Value(METHOD_NAME_KIND);
        /** What the entry call returned (exit only). */
        public static final Value ENTER = new Value(ENTER_KIND);
        /** The value the method returns; its type's default when it threw or was skipped (exit only). */
        public static final Value RETURN = new Value(RETURN_KIND);
        /** What the method threw, or null (exit only). */
        public static final Value THROWN = new Value(THROWN_KIND);

        final int kind;
        /** The int a constant value pushes. */
        final int constant;

        private Value(int kind) {
            this(kind, 0);
        }

        private Value(int kind, int constant) {
            this.kind = kind;
            this.constant = constant;
        }

        /** An int constant: which question a shared bridge method answers. */
        public static Value constant(int value) {
            return new Value(CONSTANT_KIND, value);
        }

        /** Parameter {@code index} (from 0, {@code this} not counted); at exit, its value on entry. */
        public static Value argument(int index) {
            return new Value(index);
        }
    }

    /** When the entry call's result skips the method's own code (which then returns its type's default). */
    enum Skip { NEVER, WHEN_NOT_DEFAULT, WHEN_DENIED }

    /** What the exit call's result does. */
    enum ExitUse {
        /** Nothing: the exit call is void. */
        OBSERVE,
        /** Becomes the method's return value (on a normal return). */
        RETURN_VALUE,
        /** Thrown when not null; null lets the method return (after a throw: its return type's default). */
        THROWN
    }

    /** A static bridge method: name and descriptor. */
    static final class Call {
        final String name;
        final String descriptor;
        final Value[] values;

        Call(String name, String descriptor, Value[] values) {
            this.name = name;
            this.descriptor = descriptor;
            this.values = values;
        }
    }

    final Call enter;
    final Skip skip;
    /** The parameter the entry call's result replaces, or -1. */
    final int replacedArgument;
    final Call exit;
    final ExitUse exitUse;
    final boolean exitOnThrow;
    /** Called only when the method throws: a non-null result is returned instead of the exception. */
    final Call rescue;

    private HookCode(Call enter, Skip skip, int replacedArgument, Call exit, ExitUse exitUse, boolean exitOnThrow,
                     Call rescue) {
        this.enter = enter;
        this.skip = skip;
        this.replacedArgument = replacedArgument;
        this.exit = exit;
        this.exitUse = exitUse;
        this.exitOnThrow = exitOnThrow;
        this.rescue = rescue;
    }

    /** Calls the bridge on entry; a non-void result is kept for {@link Value#ENTER}. */
    public static HookCode enter(String method, String descriptor, Value... values) {
        return new HookCode(new Call(method, descriptor, values), Skip.NEVER, -1, null, ExitUse.OBSERVE, false,
                null);
    }

    /** Nothing on entry. */
    public static HookCode noEnter() {
        return new HookCode(null, Skip.NEVER, -1, null, ExitUse.OBSERVE, false, null);
    }

    /** The method's own code is skipped when the entry call returns anything but 0, false or null. */
    public HookCode skipWhenNotDefault() {
        return new HookCode(enter, Skip.WHEN_NOT_DEFAULT, replacedArgument, exit, exitUse, exitOnThrow, rescue);
    }

    /** The method's own code is skipped when the entry call returns {@code Denied}. */
    public HookCode skipWhenDenied() {
        return new HookCode(enter, Skip.WHEN_DENIED, replacedArgument, exit, exitUse, exitOnThrow, rescue);
    }

    /** The entry call's result replaces parameter {@code index} before the method's own code reads it. */
    public HookCode replacingArgument(int index) {
        return new HookCode(enter, skip, index, exit, exitUse, exitOnThrow, rescue);
    }

    /** Calls the bridge when the method returns normally (or was skipped). */
    public HookCode exit(String method, String descriptor, Value... values) {
        return new HookCode(enter, skip, replacedArgument, new Call(method, descriptor, values), exitUse, false,
                rescue);
    }

    /** Calls the bridge however the method ends, {@link Value#THROWN} telling how. */
    public HookCode exitEvenOnThrow(String method, String descriptor, Value... values) {
        return new HookCode(enter, skip, replacedArgument, new Call(method, descriptor, values), exitUse, true,
                rescue);
    }

    /** The exit call's result is what the method returns. */
    public HookCode replacingReturn() {
        return new HookCode(enter, skip, replacedArgument, exit, ExitUse.RETURN_VALUE, exitOnThrow, rescue);
    }

    /** The exit call's result is thrown when not null; null means the method returns. */
    public HookCode replacingThrown() {
        return new HookCode(enter, skip, replacedArgument, exit, ExitUse.THROWN, exitOnThrow, rescue);
    }

    /** When the method throws, calls the bridge; a non-null result is returned instead of the exception. */
    public HookCode rescueOnThrow(String method, String descriptor, Value... values) {
        return new HookCode(enter, skip, replacedArgument, exit, exitUse, exitOnThrow,
                new Call(method, descriptor, values));
    }

    /** Whether anything runs after the method's own code: then its returns go through the exit code. */
    boolean hasExit() {
        return exit != null;
    }

    /** Whether the method's code is wrapped in a handler for everything it throws. */
    boolean catchesThrown() {
        return (exit != null && exitOnThrow) || rescue != null;
    }
}
