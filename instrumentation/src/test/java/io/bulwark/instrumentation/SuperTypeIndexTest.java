package io.bulwark.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperTypeIndexTest {

    /** The API a hook targets. */
    interface Api {
    }

    /** Declares the API's methods without implementing it, like xerial SQLite's JDBC3Statement. */
    abstract static class Base implements Runnable, java.io.Serializable {
        public void execute(String sql) {
        }
    }

    static class Impl extends Base implements Api {
        @Override
        public void run() {
        }
    }

    static class Unrelated extends java.util.AbstractList<String> implements Runnable {
        @Override
        public String get(int index) {
            return null;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public void run() {
        }
    }

    abstract static class PoolDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return null;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }
    }

    /** Serves this test's classes and writes down every class file the index reads through it. */
    static final class CountingLoader extends ClassLoader {
        final List<String> reads = new ArrayList<>();

        CountingLoader() {
            super(SuperTypeIndexTest.class.getClassLoader());
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            reads.add(name);
            return super.getResourceAsStream(name);
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(internal(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSuperclassOfAnImplementationIsAnAncestorBeforeItIsDefined() throws IOException {
        SuperTypeIndex index = new SuperTypeIndex(Set.of(Api.class.getName()));
        CountingLoader loader = new CountingLoader();
        // the JVM hands the subclass to the transformer first, then loads its superclass
        index.record(loader, internal(Impl.class), bytes(Impl.class));

        assertThat(index.isConcreteSubtype(loader, Impl.class.getName(), Api.class.getName())).isTrue();
        assertThat(index.isAncestorOfSubtype(loader, Base.class.getName(), Api.class.getName())).isTrue();
        assertThat(index.isConcreteSubtype(loader, Base.class.getName(), Api.class.getName())).isFalse();
        assertThat(index.isAncestorOfSubtype(loader, Impl.class.getName(), Api.class.getName())).isFalse();
        assertThat(index.isAncestorOfSubtype(loader, Object.class.getName(), Api.class.getName())).isFalse();
        assertThat(index.mayBeSubtypeOfAny(loader, Base.class.getName(), Set.of(Api.class.getName()))).isTrue();
    }

    @Test
    void coreJdkSupertypesAreNeverRead() throws IOException {
        SuperTypeIndex index = new SuperTypeIndex(Set.of(Api.class.getName()));
        CountingLoader loader = new CountingLoader();
        index.record(loader, internal(Unrelated.class), bytes(Unrelated.class));

        assertThat(index.mayBeSubtypeOfAny(loader, Unrelated.class.getName(), Set.of(Api.class.getName())))
                .isFalse();
        assertThat(index.isConcreteSubtype(loader, Unrelated.class.getName(), "java.util.AbstractList")).isTrue();
        assertThat(loader.reads).isEmpty();
    }

    @Test
    void jdbcTypesOfThePlatformArePlacedWithoutReadingThem() throws IOException {
        SuperTypeIndex index = new SuperTypeIndex();
        CountingLoader loader = new CountingLoader();
        index.record(loader, internal(PoolDataSource.class), bytes(PoolDataSource.class));

        assertThat(index.isConcreteSubtype(loader, PoolDataSource.class.getName(), "java.sql.Wrapper")).isTrue();
        assertThat(index.isConcreteSubtype(loader, PoolDataSource.class.getName(), "javax.sql.CommonDataSource"))
                .isTrue();
        assertThat(index.isConcreteSubtype(loader, PoolDataSource.class.getName(), "java.sql.Connection")).isFalse();
        assertThat(loader.reads).isEmpty();
    }

    /**
     * A class of the lifelong loader's class path: its not-yet-defined supertypes are read from the jar it came from,
     * not through the loader; a supertype the jar does not hold still is (Api, left out of the jar here).
     */
    @Test
    void supertypesBesideTheSubclassInItsJarAreReadFromTheJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(Impl.class, Base.class)) {
                out.putNextEntry(new JarEntry(internal(type) + ".class"));
                out.write(bytes(type));
                out.closeEntry();
            }
        }
        CountingLoader loader = new CountingLoader();
        SuperTypeIndex index = new SuperTypeIndex(Set.of(Api.class.getName()), loader);
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(jar.toUri().toURL(), (Certificate[]) null),
                null);
        index.record(loader, internal(Impl.class), bytes(Impl.class), domain);

        assertThat(index.isConcreteSubtype(loader, Impl.class.getName(), Api.class.getName())).isTrue();
        assertThat(index.isConcreteSubtype(loader, Impl.class.getName(), "java.io.Serializable")).isTrue();
        assertThat(loader.reads).containsExactly(internal(Api.class) + ".class");

        // another loader's classes (a web app's) are always read through it
        CountingLoader webapp = new CountingLoader();
        index.record(webapp, internal(Impl.class), bytes(Impl.class), domain);
        assertThat(index.isConcreteSubtype(webapp, Impl.class.getName(), Api.class.getName())).isTrue();
        assertThat(webapp.reads).contains(internal(Base.class) + ".class");
    }

    @Test
    void aSupertypeNotYetDefinedIsReadFromItsClassFile() throws IOException {
        SuperTypeIndex index = new SuperTypeIndex();
        CountingLoader loader = new CountingLoader();
        index.record(loader, internal(Impl.class), bytes(Impl.class));

        assertThat(index.isConcreteSubtype(loader, Impl.class.getName(), "java.lang.Runnable")).isTrue();
        assertThat(loader.reads)
                .containsExactlyInAnyOrder(internal(Api.class) + ".class", internal(Base.class) + ".class");
    }

    @Test
    void anUnreadableClassIsUnknownAndMayMatch() {
        SuperTypeIndex index = new SuperTypeIndex();
        CountingLoader loader = new CountingLoader();

        assertThat(index.isConcreteSubtype(loader, "gen.NoSuchClass", Api.class.getName())).isNull();
        assertThat(index.mayBeSubtypeOfAny(loader, "gen.NoSuchClass", Set.of(Api.class.getName()))).isTrue();
    }

    @Test
    void aCoreJdkTypeCannotBeATarget() {
        assertThatThrownBy(() -> new SuperTypeIndex(Set.of("java.io.InputStream")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.io.InputStream");
        assertThat(new SuperTypeIndex(Set.of("java.sql.Statement"))).isNotNull();
    }
}
