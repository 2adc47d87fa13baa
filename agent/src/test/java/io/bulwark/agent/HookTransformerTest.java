package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.instrumentation.SuperTypeIndex;
import io.bulwark.instrumentation.jdbc.JdbcStatementInstrumentation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.Test;

class HookTransformerTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diagnostics = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));

    private HookTransformer jdbcTransformer() {
        return new HookTransformer(List.of(HookTransformer.Hook.of("jdbc", new JdbcStatementInstrumentation())),
                new SuperTypeIndex(), ClassLoader.getPlatformClassLoader(),
                diagnostics);
    }

    /**
     * What another agent that transformed a class first leaves behind: the class implements an interface that was
     * defined at run time and has no class file (OpenTelemetry's VirtualFieldAccessor$...).
     */
    @Test
    void aStatementImplementingAnInterfaceWithoutClassFileIsStillHooked() throws Exception {
        Class<?> generated = new ByteBuddy().makeInterface().name("gen.VirtualFieldAccessor$Statement").make()
                .load(getClass().getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassLoader appLoader = generated.getClassLoader();
        assertThat(appLoader.getResource("gen/VirtualFieldAccessor$Statement.class")).isNull();
        byte[] statement = new ByteBuddy().subclass(Object.class).name("gen.WovenFirstStatement")
                .implement(Statement.class, generated)
                .defineMethod("execute", boolean.class, Visibility.PUBLIC).withParameters(String.class)
                .intercept(FixedValue.value(true))
                .make().getBytes();

        byte[] woven = jdbcTransformer().transform(appLoader, "gen/WovenFirstStatement", null, null, statement);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(diagnostics.errorCount()).isZero();
        assertThat(woven).isNotNull();
        assertThat(new String(woven, StandardCharsets.ISO_8859_1)).contains("io/bulwark/bootstrap/Bridge");
        // the woven class verifies and runs: no dispatcher installed, so the bridge lets the call through
        Class<?> loaded = new ByteArrayClassLoader(appLoader, Map.of("gen.WovenFirstStatement", woven))
                .loadClass("gen.WovenFirstStatement");
        Object instance = loaded.getConstructor().newInstance();
        assertThat(loaded.getMethod("execute", String.class).invoke(instance, "select 1")).isEqualTo(true);
    }

    @Test
    void aClassThatIsNoStatementIsLeftAlone() {
        byte[] plain = new ByteBuddy().subclass(Object.class).name("gen.NotAStatement")
                .defineMethod("execute", boolean.class, Visibility.PUBLIC).withParameters(String.class)
                .intercept(FixedValue.value(true))
                .make().getBytes();

        assertThat(jdbcTransformer().transform(getClass().getClassLoader(), "gen/NotAStatement", null, null, plain))
                .isNull();
        assertThat(diagnostics.errorCount()).isZero();
    }

    /** Like an app's servlet that only overrides doGet: it is a Statement, but declares no hooked method. */
    @Test
    void aStatementDeclaringNoHookedMethodIsNotWoven() {
        byte[] inheritsAll = new ByteBuddy().subclass(Object.class).name("gen.InheritingStatement")
                .implement(Statement.class)
                .defineMethod("describe", String.class, Visibility.PUBLIC).intercept(FixedValue.value("x"))
                .make().getBytes();

        assertThat(jdbcTransformer().transform(getClass().getClassLoader(), "gen/InheritingStatement", null, null,
                inheritsAll)).isNull();
        assertThat(diagnostics.errorCount()).isZero();
    }
}
