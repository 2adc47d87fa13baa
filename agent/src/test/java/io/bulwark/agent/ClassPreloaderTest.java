package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClassPreloaderTest {

    /** The agent pom's relocations of the libraries the list names. */
    private static final Map<String, String> UNRELOCATED = Map.of(
            "io.bulwark.shaded.jackson.", "com.fasterxml.jackson.",
            "io.bulwark.shaded.bucket4j.", "io.github.bucket4j.");

    static final AtomicBoolean FIXTURE_INITIALISED = new AtomicBoolean();

    static final class Fixture {
        static {
            FIXTURE_INITIALISED.set(true);
        }
    }

    @Test
    void everyListedClassStillExists() throws Exception {
        String list = ClassPreloader.read(getClass().getClassLoader(), ClassPreloader.LIST);
        List<String> stale = new ArrayList<>();
        int names = 0;
        for (String line : list.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            names++;
            String name = line.trim();
            for (Map.Entry<String, String> relocation : UNRELOCATED.entrySet()) {
                if (name.startsWith(relocation.getKey())) {
                    name = relocation.getValue() + name.substring(relocation.getKey().length());
                }
            }
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                stale.add(line);
            }
        }
        assertThat(names).as("listed classes").isGreaterThan(100);
        assertThat(stale).as("names no class has any more: remove or refresh them (see the list's header)").isEmpty();
    }

    @Test
    void loadsTheListedClassesWithoutInitialisingThem() {
        RecordingLoader loader = new RecordingLoader("# a comment\n\n" + Fixture.class.getName() + "\n"
                + "io.bulwark.agent.NoSuchClass\n" + "  " + Diagnostics.class.getName() + "  \n");

        int loaded = ClassPreloader.start(loader).finishAfterAll();

        assertThat(loaded).isEqualTo(2);
        assertThat(loader.asked).contains(Fixture.class.getName(), Diagnostics.class.getName(),
                "io.bulwark.agent.NoSuchClass");
        assertThat(FIXTURE_INITIALISED).isFalse();
    }

    @Test
    void noListMeansNothingLoaded() {
        RecordingLoader loader = new RecordingLoader(null);

        assertThat(ClassPreloader.start(loader).finishAfterAll()).isZero();
        assertThat(loader.asked).isEmpty();
    }

    /** Serves the list from memory and records which classes it was asked for. */
    private static final class RecordingLoader extends ClassLoader {
        final Set<String> asked = ConcurrentHashMap.newKeySet();
        private final String list;

        RecordingLoader(String list) {
            super(ClassPreloaderTest.class.getClassLoader());
            this.list = list;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return list != null && name.equals(ClassPreloader.LIST)
                    ? new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)) : null;
        }
    }
}
