package io.bulwark.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.instrumentation.concurrent.ConcurrentModule;
import io.bulwark.instrumentation.jdbc.JdbcModule;
import io.bulwark.instrumentation.process.ProcessModule;
import io.bulwark.instrumentation.servlet.ServletModule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/** Every call a hook weaves names a public static bridge method that exists, with results used as they can be. */
class HookCodeTest {

    private static final Set<String> BRIDGE_METHODS = new HashSet<>();

    static {
        for (Method method : Bridge.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                BRIDGE_METHODS.add(method.getName() + Type.getMethodDescriptor(method));
            }
        }
    }

    @Test
    void everyHookCallsBridgeMethodsThatExistAndUsesTheirResultsSoundly() {
        int checked = 0;
        for (InstrumentationModule module : List.of(new ServletModule(), new JdbcModule(), new ProcessModule(),
                new ConcurrentModule())) {
            for (TypeInstrumentation ti : module.typeInstrumentations()) {
                HookCode code = ti.code();
                String hook = module.name() + " " + ti.methods();
                for (HookCode.Call call : new HookCode.Call[] {code.enter, code.exit, code.rescue}) {
                    if (call != null) {
                        assertThat(BRIDGE_METHODS).as(hook).contains(call.name + call.descriptor);
                        checked++;
                    }
                }
                Type entered = code.enter == null ? Type.VOID_TYPE : Type.getReturnType(code.enter.descriptor);
                if (code.skip != HookCode.Skip.NEVER || code.replacedArgument >= 0) {
                    assertThat(entered.getSort()).as(hook + ": skipping or replacing needs an entry result")
                            .isNotEqualTo(Type.VOID);
                }
                if (code.exit != null) {
                    Type exited = Type.getReturnType(code.exit.descriptor);
                    switch (code.exitUse) {
                        case OBSERVE -> assertThat(exited).as(hook).isEqualTo(Type.VOID_TYPE);
                        case THROWN -> assertThat(exited.getInternalName()).as(hook).isEqualTo("java/lang/Throwable");
                        case RETURN_VALUE -> assertThat(exited.getSort()).as(hook).isNotEqualTo(Type.VOID);
                    }
                }
                for (HookCode.Call call : new HookCode.Call[] {code.exit, code.rescue}) {
                    if (call != null) {
                        assertThat(Type.getArgumentTypes(call.descriptor)).as(hook).hasSameSizeAs(call.values);
                    }
                }
                if (code.enter != null) {
                    assertThat(Type.getArgumentTypes(code.enter.descriptor)).as(hook).hasSameSizeAs(code.enter.values);
                    for (HookCode.Value value : code.enter.values) {
                        assertThat(value.kind).as(hook + ": the entry sees no exit values")
                                .isNotIn(HookCode.Value.ENTER_KIND, HookCode.Value.RETURN_KIND,
                                        HookCode.Value.THROWN_KIND);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void methodRulesJudgeDescriptorsAndAccess() {
        MethodRule read = MethodRule.named("read").takes("[B", "I", "I").returns("I");
        assertThat(read.matches(1, "read", "([BII)I")).isTrue();
        assertThat(read.matches(1, "read", "([BI)I")).isFalse();
        assertThat(read.matches(1, "read", "([BIII)I")).isFalse();
        assertThat(read.matches(1, "read", "([BII)J")).isFalse();
        assertThat(read.matches(1 | 0x0400, "read", "([BII)I")).as("abstract").isFalse();
        assertThat(read.matches(1 | 0x0100, "read", "([BII)I")).as("native").isFalse();
        MethodRule sink = MethodRule.named("execute", "addBatch").instanceOnly().firstTakes("Ljava/lang/String;");
        assertThat(sink.matches(1, "execute", "(Ljava/lang/String;I)Z")).isTrue();
        assertThat(sink.matches(1, "addBatch", "(Ljava/lang/String;)V")).isTrue();
        assertThat(sink.matches(1 | 0x0008, "execute", "(Ljava/lang/String;)Z")).as("static").isFalse();
        assertThat(sink.matches(1, "execute", "(Ljava/lang/StringBuilder;)Z")).isFalse();
        assertThat(sink.matches(1, "executeQuery", "(Ljava/lang/String;)Z")).isFalse();
        assertThat(MethodRule.named("submit").publicOnly().takes().matches(0, "submit", "()V")).isFalse();
    }
}
