package io.bulwark.instrumentation;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves one {@link HookCode} into one method as the method's code streams through:
 * <pre>
 *   [enter call; keep its result; copy what the exit reads]   [if skip(result) goto SKIP]
 *   BODY: the method's own code, each return turned into "store the value; goto EXIT"
 *   SKIP: the return type's default                            (falls into EXIT)
 *   EXIT: [exit call]; return the value (or throw what the exit returned)
 *   HANDLER (for everything BODY throws): [exit call; rescue call]; rethrow
 * </pre>
 * The hook's values live in local slots past the method's own ({@code base}, from a first read of the class), so
 * the method's code never touches them. Frames: the class is read with expanded frames; each of the method's
 * frames gets the hook's slots appended, and each block the weaver adds gets a frame in which the method's own slots
 * are TOP (the added code never reads them: the exit reads copies taken on entry). The method's code is assumed to
 * return with only the returned value on its operand stack, as every Java and Kotlin compiler emits.
 */
final class HookMethodWeaver extends MethodVisitor {

    private static final Object[] NO_STACK = {};
    private static final Object[] THROWABLE_STACK = {"java/lang/Throwable"};

    private final HookCode code;
    private final String methodName;
    private final boolean isStatic;
    private final Type[] parameters;
    private final int[] parameterSlots;
    private final Type returned;
    private final boolean frames;
    private final int base;

    /** The hook's slots; -1 when unused. Copies are indexed by parameter + 1 (index 0: {@code this}). */
    private final int enterSlot;
    private final Type enterType;
    private final int[] copySlots;
    private final int returnSlot;
    private final int thrownSlot;
    private final int maxLocals;
    /** Frame entries for the slots filled on entry (the enter result, the copies), in slot order. */
    private final List<Object> entryLocals = new ArrayList<>(4);

    private final boolean returnsViaExit;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label handler = new Label();
    private final Label skipped = new Label();
    private final Label exit = new Label();
    private boolean bodyBegun;

    HookMethodWeaver(MethodVisitor next, HookCode code, int access, String name, String descriptor,
                     int methodMaxLocals, boolean frames) {
        super(Opcodes.ASM9, next);
        this.code = code;
        this.methodName = name;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.parameters = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.frames = frames;
        this.parameterSlots = new int[parameters.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            parameterSlots[i] = slot;
            slot += parameters[i].getSize();
        }
        this.base = Math.max(methodMaxLocals, slot);
        this.returnsViaExit = code.hasExit();

        int next0 = base;
        Type entered = code.enter == null ? Type.VOID_TYPE : Type.getReturnType(code.enter.descriptor);
        boolean keepEnter = entered.getSort() != Type.VOID && code.replacedArgument < 0
                && (code.skip != HookCode.Skip.NEVER || reads(code.exit, HookCode.Value.ENTER_KIND)
                        || reads(code.rescue, HookCode.Value.ENTER_KIND));
        this.enterType = entered;
        this.enterSlot = keepEnter ? next0 : -1;
        if (keepEnter) {
            next0 += entered.getSize();
            entryLocals.add(frameType(entered));
        }
        this.copySlots = new int[parameters.length + 1];
        for (int p = -1; p < parameters.length; p++) {
            int kind = p < 0 ? HookCode.Value.THIS_KIND : p;
            if ((p >= 0 || !isStatic) && (reads(code.exit, kind) || reads(code.rescue, kind))) {
                copySlots[p + 1] = next0;
                Type type = p < 0 ? Type.getObjectType("java/lang/Object") : parameters[p];
                next0 += type.getSize();
                entryLocals.add(frameType(type));
            } else {
                copySlots[p + 1] = -1;
            }
        }
        boolean needsReturnSlot = returned.getSort() != Type.VOID && returnsViaExit;
        this.returnSlot = needsReturnSlot ? next0 : -1;
        if (needsReturnSlot) {
            next0 += returned.getSize();
        }
        this.thrownSlot = code.catchesThrown() ? next0 : -1;
        if (thrownSlot >= 0) {
            next0 += 1;
        }
        this.maxLocals = next0;
    }

    private static boolean reads(HookCode.Call call, int kind) {
        if (call == null) {
            return false;
        }
        for (HookCode.Value value : call.values) {
            if (value.kind == kind) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (code.enter != null) {
            for (HookCode.Value value : code.enter.values) {
                loadOnEntry(value);
            }
            invokeBridge(code.enter);
            if (enterType.getSort() != Type.VOID) {
                if (code.replacedArgument >= 0) {
                    super.visitVarInsn(parameters[code.replacedArgument].getOpcode(Opcodes.ISTORE),
                            parameterSlots[code.replacedArgument]);
                } else if (enterSlot >= 0) {
                    super.visitVarInsn(enterType.getOpcode(Opcodes.ISTORE), enterSlot);
                } else {
                    super.visitInsn(enterType.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
                }
            }
        }
        for (int p = -1; p < parameters.length; p++) {
            int copy = copySlots[p + 1];
            if (copy >= 0) {
                Type type = p < 0 ? Type.getObjectType("java/lang/Object") : parameters[p];
                super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), p < 0 ? 0 : parameterSlots[p]);
                super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), copy);
            }
        }
        if (code.skip != HookCode.Skip.NEVER) {
            super.visitVarInsn(enterType.getOpcode(Opcodes.ILOAD), enterSlot);
            if (code.skip == HookCode.Skip.WHEN_DENIED) {
                super.visitTypeInsn(Opcodes.INSTANCEOF, HookCode.DENIED);
                super.visitJumpInsn(Opcodes.IFNE, skipped);
            } else if (enterType.getSort() == Type.OBJECT || enterType.getSort() == Type.ARRAY) {
                super.visitJumpInsn(Opcodes.IFNONNULL, skipped);
            } else {
                super.visitJumpInsn(Opcodes.IFNE, skipped);
            }
        }
    }

    /**
     * The handler must come after the method's own in the exception table (the JVM takes the first that covers
     * the throwing instruction), and the reader reports those before the first instruction: so the range opens
     * here, at the method's first instruction, label or frame.
     */
    private void beginBody() {
        if (!bodyBegun) {
            bodyBegun = true;
            if (code.catchesThrown()) {
                super.visitTryCatchBlock(bodyStart, bodyEnd, handler, "java/lang/Throwable");
            }
            super.visitLabel(bodyStart);
        }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        beginBody();
        if (entryLocals.isEmpty() || type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        List<Object> locals = new ArrayList<>(numLocal + 8);
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            locals.add(local[i]);
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < base; slots++) {
            locals.add(Opcodes.TOP);
        }
        locals.addAll(entryLocals);
        super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        beginBody();
        if (returnsViaExit && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (returnSlot >= 0) {
                super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnSlot);
            }
            super.visitJumpInsn(Opcodes.GOTO, exit);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitLabel(Label label) {
        beginBody();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        beginBody();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beginBody();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        beginBody();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        beginBody();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        beginBody();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        beginBody();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                       Object... arguments) {
        beginBody();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beginBody();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beginBody();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        beginBody();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beginBody();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beginBody();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        beginBody();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int methodMaxLocals) {
        beginBody();
        super.visitLabel(bodyEnd);
        if (code.skip != HookCode.Skip.NEVER) {
            emitSkipped();
        }
        if (returnsViaExit) {
            emitExit();
        }
        if (code.catchesThrown()) {
            emitHandler();
        }
        // the added code needs at most six stack slots (five values and a duplicate), all on an empty stack
        super.visitMaxs(Math.max(maxStack, 8), Math.max(methodMaxLocals, maxLocals));
    }

    private void emitSkipped() {
        super.visitLabel(skipped);
        if (returnsViaExit && returnSlot < 0) {
            return; // void: the exit block starts right here and its frame serves both
        }
        frame(exitLocals(false, false), NO_STACK);
        pushDefault();
        if (returnsViaExit) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnSlot);
        } else {
            super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
        }
    }

    private void emitExit() {
        super.visitLabel(exit);
        frame(exitLocals(true, false), NO_STACK);
        for (HookCode.Value value : code.exit.values) {
            loadOnExit(value, false);
        }
        invokeBridge(code.exit);
        switch (code.exitUse) {
            case RETURN_VALUE -> super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
            case THROWN -> {
                Label none = new Label();
                super.visitInsn(Opcodes.DUP);
                super.visitJumpInsn(Opcodes.IFNULL, none);
                super.visitInsn(Opcodes.ATHROW);
                super.visitLabel(none);
                frame(exitLocals(true, false), THROWABLE_STACK);
                super.visitInsn(Opcodes.POP);
                returnKept();
            }
            default -> returnKept();
        }
    }

    private void returnKept() {
        if (returnSlot >= 0) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnSlot);
        }
        super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
    }

    private void emitHandler() {
        super.visitLabel(handler);
        frame(exitLocals(false, false), THROWABLE_STACK);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        if (code.exit != null && code.exitOnThrow) {
            for (HookCode.Value value : code.exit.values) {
                loadOnExit(value, true);
            }
            invokeBridge(code.exit);
            switch (code.exitUse) {
                case RETURN_VALUE -> super.visitInsn(returned.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
                case THROWN -> {
                    Label throwing = new Label();
                    super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                    super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    super.visitJumpInsn(Opcodes.IFNONNULL, throwing);
                    pushDefault();
                    super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
                    super.visitLabel(throwing);
                    frame(exitLocals(false, true), NO_STACK);
                }
                default -> { }
            }
        }
        if (code.rescue != null) {
            Label none = new Label();
            for (HookCode.Value value : code.rescue.values) {
                loadOnExit(value, true);
            }
            invokeBridge(code.rescue);
            super.visitInsn(Opcodes.DUP);
            super.visitJumpInsn(Opcodes.IFNULL, none);
            super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
            super.visitLabel(none);
            frame(exitLocals(false, true), new Object[] {frameType(returned)});
            super.visitInsn(Opcodes.POP);
        }
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitInsn(Opcodes.ATHROW);
    }

    /** The locals of an added block: the method's own slots TOP, then the hook's (return value, thrown if set). */
    private Object[] exitLocals(boolean withReturn, boolean withThrown) {
        List<Object> locals = new ArrayList<>(base + 6);
        for (int i = 0; i < base; i++) {
            locals.add(Opcodes.TOP);
        }
        locals.addAll(entryLocals);
        if (returnSlot >= 0 && (withReturn || withThrown)) {
            if (withReturn) {
                locals.add(frameType(returned));
            } else {
                for (int i = 0; i < returned.getSize(); i++) {
                    locals.add(Opcodes.TOP);
                }
            }
        }
        if (withThrown) {
            locals.add("java/lang/Throwable");
        }
        return locals.toArray();
    }

    private void frame(Object[] locals, Object[] stack) {
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    private void loadOnEntry(HookCode.Value value) {
        switch (value.kind) {
            case HookCode.Value.THIS_KIND -> super.visitVarInsn(Opcodes.ALOAD, 0);
            case HookCode.Value.METHOD_NAME_KIND -> super.visitLdcInsn(methodName);
            case HookCode.Value.CONSTANT_KIND -> super.visitLdcInsn(value.constant);
            default -> super.visitVarInsn(parameters[value.kind].getOpcode(Opcodes.ILOAD),
                    parameterSlots[value.kind]);
        }
    }

    private void loadOnExit(HookCode.Value value, boolean thrown) {
        switch (value.kind) {
            case HookCode.Value.THIS_KIND -> super.visitVarInsn(Opcodes.ALOAD, copySlots[0]);
            case HookCode.Value.METHOD_NAME_KIND -> super.visitLdcInsn(methodName);
            case HookCode.Value.CONSTANT_KIND -> super.visitLdcInsn(value.constant);
            case HookCode.Value.ENTER_KIND -> super.visitVarInsn(enterType.getOpcode(Opcodes.ILOAD), enterSlot);
            case HookCode.Value.RETURN_KIND -> {
                if (thrown || returnSlot < 0) {
                    pushDefault();
                } else {
                    super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnSlot);
                }
            }
            case HookCode.Value.THROWN_KIND -> {
                if (thrown) {
                    super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
            }
            default -> super.visitVarInsn(parameters[value.kind].getOpcode(Opcodes.ILOAD),
                    copySlots[value.kind + 1]);
        }
    }

    private void invokeBridge(HookCode.Call call) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HookCode.BRIDGE, call.name, call.descriptor, false);
    }

    private void pushDefault() {
        switch (returned.getSort()) {
            case Type.VOID -> { }
            case Type.LONG -> super.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> super.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> super.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> super.visitInsn(Opcodes.ACONST_NULL);
            default -> super.visitInsn(Opcodes.ICONST_0);
        }
    }

    /** A type as a frame entry. */
    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.LONG -> Opcodes.LONG;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }
}
