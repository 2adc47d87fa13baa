package io.bulwark.instrumentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves hooks into a class file with ASM alone. Byte Buddy's {@code Advice} did this before, at the price of ~700
 * classes loaded and compiled while the app starts; the hooks need only a handful of instructions each
 * ({@link HookCode}), which {@link HookMethodWeaver} writes directly.
 * <p>
 * Two reads of the class: the first finds the methods a hook matches and how many local slots each uses (the hook's
 * values go after them); the second rewrites those methods and copies every other method's bytes unchanged.
 */
public final class HookWeaver {

    /** What to weave: a method rule and the code for the methods it matches. */
    public interface Hook {
        MethodRule methods();

        HookCode code();
    }

    private HookWeaver() {
    }

    /**
     * The class with {@code hooks} woven into the methods they match, or null when none matches. A method matched
     * by two hooks gets both, the first hook's code outermost.
     */
    public static byte[] weave(byte[] classFile, List<? extends Hook> hooks) {
        Survey survey = survey(classFile, hooks);
        if (survey.matched.isEmpty()) {
            return null;
        }
        if (survey.overlapping) {
            byte[] woven = classFile;
            for (int i = hooks.size() - 1; i >= 0; i--) {
                byte[] next = weave(woven, List.of(hooks.get(i)));
                if (next != null) {
                    woven = next;
                }
            }
            return woven;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean frames = (survey.version & 0xFFFF) >= Opcodes.V1_6;
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                Match match = survey.matched.get(name + descriptor);
                return match == null ? next
                        : new HookMethodWeaver(next, match.hook.code(), access, name, descriptor, match.maxLocals,
                                frames);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static Survey survey(byte[] classFile, List<? extends Hook> hooks) {
        Survey survey = new Survey();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                survey.version = version;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (name.charAt(0) == '<') {
                    return null; // constructors and initialisers are never hooked
                }
                Hook found = null;
                for (Hook hook : hooks) {
                    if (hook.methods().matches(access, name, descriptor)) {
                        if (found != null) {
                            survey.overlapping = true;
                        }
                        found = hook;
                    }
                }
                if (found == null) {
                    return null;
                }
                Match match = new Match(found);
                survey.matched.put(name + descriptor, match);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        match.maxLocals = maxLocals;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return survey;
    }

    private static final class Survey {
        final Map<String, Match> matched = new HashMap<>(4);
        int version;
        boolean overlapping;
    }

    private static final class Match {
        final Hook hook;
        int maxLocals;

        Match(Hook hook) {
            this.hook = hook;
        }
    }
}
