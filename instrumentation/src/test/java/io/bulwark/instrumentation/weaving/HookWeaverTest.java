package io.bulwark.instrumentation.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.bootstrap.BulwarkBlockedException;
import io.bulwark.bootstrap.Denied;
import io.bulwark.bootstrap.Dispatcher;
import io.bulwark.instrumentation.HookWeaver;
import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.concurrent.ConcurrentModule;
import io.bulwark.instrumentation.jdbc.JdbcModule;
import io.bulwark.instrumentation.process.ProcessModule;
import io.bulwark.instrumentation.servlet.ServletModule;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks' real code woven into javac-compiled look-alikes of the hooked methods, loaded (so verified) and run
 * against a recording dispatcher: what the bridge saw, what the method returned or threw, whether its body ran.
 */
class HookWeaverTest {

    private final Recording dispatcher = new Recording();
    private final ServletRequest request = proxy(ServletRequest.class);
    private final ServletResponse response = proxy(ServletResponse.class);

    @BeforeEach
    void install() {
        Bridge.install(dispatcher);
    }

    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    @Test
    void aDeniedRequestSkipsTheServletsBody() throws Throwable {
        dispatcher.enterResult = Denied.INSTANCE;
        Object servlet = woven(WeavingFixtures.ServiceLike.class, "jakarta.servlet.Servlet");

        call(servlet, "service", request, response);

        assertThat(ran(servlet)).isEmpty();
        assertThat(dispatcher.exits).isEmpty();
    }

    @Test
    void anAdmittedRequestRunsTheServletThenExitsWithItsScope() throws Throwable {
        dispatcher.enterResult = "scope";
        Object servlet = woven(WeavingFixtures.ServiceLike.class, "jakarta.servlet.Servlet");

        call(servlet, "service", request, response);

        assertThat(ran(servlet)).containsExactly("ran 3", "end");
        assertThat(dispatcher.exits).containsExactly(List.of("scope", request, response, "no throwable"));
    }

    @Test
    void whatTheServletThrowsReachesTheExitWhichMaySwallowOrReplaceIt() throws Throwable {
        dispatcher.enterResult = "scope";
        Object servlet = woven(WeavingFixtures.ServiceLike.class, "jakarta.servlet.Servlet");

        call(servlet, "service", null, response); // throws IllegalStateException; the exit answers null

        assertThat(dispatcher.exits).hasSize(1);
        assertThat(dispatcher.exits.get(0).get(3)).isInstanceOf(IllegalStateException.class);

        dispatcher.exitResult = new IllegalArgumentException("replaced");
        assertThatThrownBy(() -> call(servlet, "service", null, response)).hasMessage("replaced");
        dispatcher.exitResult = null;
        // and a normal return whose exit answers an exception throws it
        dispatcher.exitResult = new IllegalArgumentException("after");
        assertThatThrownBy(() -> call(servlet, "service", request, response)).hasMessage("after");
    }

    @Test
    void sqlSinksSeeTheTextAndMethodAndTheirReturnsSurviveEveryPath() throws Throwable {
        Object statement = woven(WeavingFixtures.StatementLike.class, "java.sql.Statement");

        assertThat(call(statement, "executeLargeUpdate", "abc")).isEqualTo(3L);
        assertThat(call(statement, "executeLargeUpdate", "a;b")).isEqualTo(-1L);
        assertThatThrownBy(() -> call(statement, "execute", "")).isInstanceOf(IllegalArgumentException.class);
        // the throw ran the exit, so the call depth is back to 0 and the next statement is the outermost again
        assertThat(call(statement, "execute", "select 1")).isEqualTo(true);

        assertThat(dispatcher.sql).containsExactly("executeLargeUpdate:abc", "executeLargeUpdate:a;b",
                "execute:", "execute:select 1");
    }

    @Test
    void aBlockedSqlStatementNeverRunsItsBody() throws Throwable {
        Object statement = woven(WeavingFixtures.StatementLike.class, "java.sql.Statement");
        dispatcher.blockSql = true;

        assertThatThrownBy(() -> call(statement, "execute", "drop table t"))
                .isInstanceOf(BulwarkBlockedException.class);
        assertThat(statement.getClass().getField("executed").getInt(statement)).as("the blocked body ran").isZero();

        dispatcher.blockSql = false;
        assertThat(call(statement, "execute", "select 2")).isEqualTo(true);
        assertThat(statement.getClass().getField("executed").getInt(statement)).isEqualTo(1);
        assertThat(dispatcher.sql).containsExactly("execute:drop table t", "execute:select 2");
    }

    @Test
    void aReplayedBodyIsServedWithoutTheStreamAndAReadBodyIsCounted() throws Throwable {
        Object stream = woven(WeavingFixtures.InputLike.class, "jakarta.servlet.ServletInputStream");
        byte[] buffer = new byte[8];

        dispatcher.replay = Bridge.replay(7);
        assertThat(call(stream, "read", buffer, 1, 4)).isEqualTo(7);
        assertThat(stream.getClass().getField("served").getInt(stream)).isZero();
        dispatcher.replay = Bridge.replay(1);
        assertThat(call(stream, "isFinished")).isEqualTo(true);

        dispatcher.replay = Bridge.READ_ON;
        assertThat(call(stream, "read", buffer, 1, 4)).isEqualTo(2);
        assertThat(call(stream, "isFinished")).isEqualTo(false);
        assertThat(dispatcher.bodyReads).containsExactly("1+2");
        assertThat(buffer[1]).isEqualTo((byte) 'a');
    }

    @Test
    void aReaderRefusedAfterTheAgentReadTheBodyIsRescuedAndOtherwiseTheRefusalStands() throws Throwable {
        Object request = woven(WeavingFixtures.RequestLike.class, "jakarta.servlet.ServletRequest");
        BufferedReader saved = new BufferedReader(new StringReader("saved"));

        dispatcher.reader = saved;
        assertThat(call(request, "getReader")).isSameAs(saved);
        dispatcher.reader = null;
        assertThatThrownBy(() -> call(request, "getReader")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAgentsPrincipalStandsInWhenTheContainerHasNone() throws Throwable {
        Object request = woven(WeavingFixtures.RequestLike.class, "jakarta.servlet.http.HttpServletRequest");
        Principal alice = () -> "alice";
        dispatcher.principal = alice;

        assertThat(call(request, "getUserPrincipal")).isSameAs(alice);
    }

    @Test
    void rowsAreCountedOnceEachAndAThrowingNextCountsNoneButStaysPaired() throws Throwable {
        Object rows = woven(WeavingFixtures.RowsLike.class, "java.sql.ResultSet");

        assertThat(call(rows, "next")).isEqualTo(true);
        assertThat(call(rows, "next")).isEqualTo(false);
        rows.getClass().getField("left").setInt(rows, -5);
        assertThatThrownBy(() -> call(rows, "next")).isInstanceOf(IllegalStateException.class);
        rows.getClass().getField("left").setInt(rows, 1);
        assertThat(call(rows, "next")).isEqualTo(true);

        assertThat(dispatcher.rows).isEqualTo(2);
    }

    @Test
    void aSubmittedTaskIsReplacedBeforeTheExecutorSeesIt() throws Throwable {
        Object executor = woven(WeavingFixtures.ExecutorLike.class, "java.util.concurrent.ThreadPoolExecutor");
        Runnable task = () -> { };

        call(executor, "execute", task);

        Object queued = executor.getClass().getField("last").get(executor);
        assertThat(queued).isSameAs(dispatcher.wrapper).isNotSameAs(task);
        assertThat(dispatcher.wrapped).isSameAs(task);
    }

    @Test
    void aBlockedProcessIsNeverStartedByTheStaticMethod() throws Throwable {
        Class<?> process = wovenClass(WeavingFixtures.ProcessLike.class, "java.lang.ProcessImpl");
        Method start = process.getMethod("start", String[].class, int.class);

        assertThat(start.invoke(null, new String[] {"ls"}, 0)).isEqualTo("ls");
        dispatcher.blockProcess = true;
        assertThatThrownBy(() -> start.invoke(null, new String[] {"sh"}, 0))
                .hasCauseInstanceOf(BulwarkBlockedException.class);

        assertThat(process.getField("started").getInt(null)).isEqualTo(1);
        assertThat(dispatcher.processes).containsExactly("ls", "sh");
    }

    /** Java 5 class files carry no stack map frames: the weaver adds none either, and the JVM infers types. */
    @Test
    void aClassFileTooOldForFramesIsWovenWithoutThem() throws Throwable {
        byte[] old = oldStatement();
        byte[] woven = HookWeaver.weave(old, hooksFor("java.sql.Statement"));
        Class<?> loaded = new OneClassLoader(getClass().getClassLoader(), Map.of("gen.OldStatement", woven))
                .loadClass("gen.OldStatement");
        Object statement = loaded.getConstructor().newInstance();

        assertThat(loaded.getMethod("execute", String.class).invoke(statement, "select")).isEqualTo(true);
        assertThat(loaded.getMethod("execute", String.class).invoke(statement, "")).isEqualTo(false);
        assertThat(dispatcher.sql).containsExactly("execute:select", "execute:");
    }

    @Test
    void aClassWithoutAHookedMethodIsLeftAlone() throws Throwable {
        assertThat(HookWeaver.weave(classFile(WeavingFixtures.ExecutorLike.class), hooksFor("java.sql.Statement")))
                .isNull();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<TypeInstrumentation> hooksFor(String type) {
        List<TypeInstrumentation> hooks = new ArrayList<>();
        for (InstrumentationModule module : List.of(new ServletModule(), new JdbcModule(), new ProcessModule(),
                new ConcurrentModule())) {
            for (TypeInstrumentation ti : module.typeInstrumentations()) {
                if (type.equals(ti.namedType()) || type.equals(ti.concreteSubtypeOf())) {
                    hooks.add(ti);
                }
            }
        }
        assertThat(hooks).as("hooks on " + type).isNotEmpty();
        return hooks;
    }

    private Object woven(Class<?> fixture, String hookedType) throws Exception {
        return wovenClass(fixture, hookedType).getConstructor().newInstance();
    }

    private Class<?> wovenClass(Class<?> fixture, String hookedType) throws Exception {
        byte[] woven = HookWeaver.weave(classFile(fixture), hooksFor(hookedType));
        assertThat(woven).as("woven " + fixture.getSimpleName()).isNotNull();
        return new OneClassLoader(getClass().getClassLoader(), Map.of(fixture.getName(), woven))
                .loadClass(fixture.getName());
    }

    private static byte[] classFile(Class<?> type) throws Exception {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Object call(Object target, String name, Object... args) throws Throwable {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ran(Object servlet) throws Exception {
        return (List<String>) servlet.getClass().getField("ran").get(servlet);
    }

    private static <T> T proxy(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> switch (method.getName()) {
                    case "toString" -> type.getSimpleName();
                    case "equals" -> p == args[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> null;
                }));
    }

    /** {@code boolean execute(String sql) { return !sql.isEmpty(); }} as a Java 5 compiler would write it. */
    private static byte[] oldStatement() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/OldStatement", null,
                "java/lang/Object", null);
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor execute = writer.visitMethod(Opcodes.ACC_PUBLIC, "execute", "(Ljava/lang/String;)Z", null,
                null);
        execute.visitCode();
        Label empty = new Label();
        execute.visitVarInsn(Opcodes.ALOAD, 1);
        execute.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "isEmpty", "()Z", false);
        execute.visitJumpInsn(Opcodes.IFNE, empty);
        execute.visitInsn(Opcodes.ICONST_1);
        execute.visitInsn(Opcodes.IRETURN);
        execute.visitLabel(empty);
        execute.visitInsn(Opcodes.ICONST_0);
        execute.visitInsn(Opcodes.IRETURN);
        execute.visitMaxs(0, 0);
        execute.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Defines the given classes itself (so they are verified), everything else from its parent. */
    private static final class OneClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        OneClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }

    /** Answers as configured and records what the woven code handed over. */
    private static final class Recording extends Dispatcher {
        Object enterResult;
        Throwable exitResult;
        final List<List<Object>> exits = new ArrayList<>();
        final List<String> sql = new ArrayList<>();
        boolean blockSql;
        int replay = Bridge.READ_ON;
        final List<String> bodyReads = new ArrayList<>();
        BufferedReader reader;
        Principal principal;
        int rows;
        final Runnable wrapper = () -> { };
        Runnable wrapped;
        boolean blockProcess;
        final List<String> processes = new ArrayList<>();

        @Override
        public Object servletEnter(Object request, Object response) {
            return enterResult;
        }

        @Override
        public Throwable servletExit(Object scope, Object request, Object response, Throwable thrown) {
            exits.add(java.util.Arrays.asList(scope, request, response, thrown == null ? "no throwable" : thrown));
            return exitResult;
        }

        @Override
        public void sql(Object jdbcObject, String text, String method) {
            sql.add(method + ":" + text);
            if (blockSql) {
                throw new BulwarkBlockedException("e1", "blocked");
            }
        }

        @Override
        public int bodyReplayRead(Object stream, byte[] buffer, int offset, int length) {
            return replay;
        }

        @Override
        public int bodyReplayState(Object stream, int question) {
            return replay;
        }

        @Override
        public void bodyRead(byte[] buffer, int offset, int count) {
            bodyReads.add(offset + "+" + count);
        }

        @Override
        public BufferedReader bodyReader(Object request) {
            return reader;
        }

        @Override
        public Principal userPrincipal(Object request) {
            return principal;
        }

        @Override
        public void rowRead() {
            rows++;
        }

        @Override
        public Runnable contextRunnable(Runnable task) {
            wrapped = task;
            return wrapper;
        }

        @Override
        public void processStart(String[] command) {
            processes.add(command[0]);
            if (blockProcess) {
                throw new BulwarkBlockedException("e2", "blocked");
            }
        }
    }
}
