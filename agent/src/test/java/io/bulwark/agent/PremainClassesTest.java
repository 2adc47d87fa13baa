package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload list keeps up with the code: the classes that reading a policy, activating it, opening the attack log
 * and building the gateway load on premain's thread are listed. A class missing from the list costs only start-up
 * time, which no other test would notice.
 */
class PremainClassesTest {

    /** The agent pom's relocations of the libraries premain uses. */
    private static final Map<String, String> RELOCATED = Map.of(
            "com.fasterxml.jackson.", "io.bulwark.shaded.jackson.",
            "io.github.bucket4j.", "io.bulwark.shaded.bucket4j.");

    /** Loaded with AgentMain itself, before the preloader starts, or only by this test. */
    private static final Set<String> BEFORE_THE_LIST = Set.of("io.bulwark.agent.AgentMain",
            "io.bulwark.agent.Diagnostics", "io.bulwark.agent.Gateway", "io.bulwark.agent.PolicyActivationException",
            "io.bulwark.agent.StartupTimer", "io.bulwark.agent.PremainSteps");

    @Test
    void theListHoldsWhatPremainLoadsBetweenPolicyAndGateway(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("bulwark-policy.json"), """
                {
                  "version": 1,
                  "mode": "block",
                  "injection": { "sql": "block", "shell": "block" },
                  "rateLimits": { "per-ip": { "key": "ip", "limit": 1000, "per": "1s" } },
                  "defaults": { "rateLimits": ["per-ip"] },
                  "routes": [ { "path": "/health", "auth": "public", "rateLimits": [] } ]
                }
                """);
        Set<String> listed = new HashSet<>();
        for (String line : ClassPreloader.read(getClass().getClassLoader(), ClassPreloader.LIST).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.trim());
            }
        }

        List<String> loaded;
        try (ThreadRecordingLoader isolated = new ThreadRecordingLoader(testClassPath(), Thread.currentThread())) {
            isolated.loadClass(PremainSteps.class.getName()).getMethod("run", Path.class, Path.class)
                    .invoke(null, policy, dir);
            loaded = isolated.loadedOnThread();
        }

        List<String> missing = new ArrayList<>();
        int relevant = 0;
        for (String name : loaded) {
            String inJar = inAgentJar(name);
            if (inJar == null || BEFORE_THE_LIST.contains(name)) {
                continue;
            }
            relevant++;
            if (!listed.contains(inJar)) {
                missing.add(inJar);
            }
        }
        assertThat(relevant).as("classes the steps loaded").isGreaterThan(100);
        assertThat(missing).as("classes premain now loads that the preload list lacks (add them; see its header)")
                .isEmpty();
    }

    /** The name in the agent jar, for the agent's own classes and the libraries the list names; else null. */
    private static String inAgentJar(String name) {
        if (name.startsWith("io.bulwark.agent.") || name.startsWith("io.bulwark.policies.")) {
            return name;
        }
        for (Map.Entry<String, String> relocation : RELOCATED.entrySet()) {
            if (name.startsWith(relocation.getKey())) {
                return relocation.getValue() + name.substring(relocation.getKey().length());
            }
        }
        return null;
    }

    private static URL[] testClassPath() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads everything but the JDK itself, and records which classes it defined on the given thread. */
    private static final class ThreadRecordingLoader extends URLClassLoader {
        private final Thread recorded;
        private final Map<String, Boolean> loadedOnThread = new ConcurrentHashMap<>();
        private final List<String> order = new ArrayList<>();

        ThreadRecordingLoader(URL[] urls, Thread recorded) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.recorded = recorded;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            if (Thread.currentThread() == recorded && loadedOnThread.putIfAbsent(name, Boolean.TRUE) == null) {
                synchronized (order) {
                    order.add(name);
                }
            }
            return found;
        }

        List<String> loadedOnThread() {
            synchronized (order) {
                return new ArrayList<>(order);
            }
        }
    }
}
