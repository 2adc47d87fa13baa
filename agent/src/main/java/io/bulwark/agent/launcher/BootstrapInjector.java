package io.bulwark.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge ({@code io/bulwark/bootstrap/*}) into the bootstrap class loader. Appending a jar to the bootstrap
 * search path would be simpler, but with class data sharing on (the default) HotSpot then prints a warning into the
 * app's stderr. So the classes are defined directly, through the JDK's internal {@code Unsafe}, whose package the
 * Instrumentation API lets an agent open to itself; only if that fails is the jar appended after all.
 */
final class BootstrapInjector {

    private static final String PACKAGE_PATH = "io/bulwark/bootstrap/";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst, File agentJar) throws IOException {
        Map<String, byte[]> classes = bridgeClasses(agentJar);
        try {
            define(inst, classes);
        } catch (Throwable unavailable) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(agentJar));
        }
    }

    /** Outer classes sort before their nested ones ('$' follows letters), so a superclass is defined first. */
    private static Map<String, byte[]> bridgeClasses(File agentJar) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>((a, b) -> {
            boolean aNested = a.indexOf('$') >= 0;
            boolean bNested = b.indexOf('$') >= 0;
            return aNested == bNested ? a.compareTo(b) : aNested ? 1 : -1;
        });
        try (JarFile jar = new JarFile(agentJar, false)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static void define(Instrumentation inst, Map<String, byte[]> classes) throws Exception {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            if (isDefined(c.getKey())) {
                continue;
            }
            byte[] bytes = c.getValue();
            defineClass.invoke(unsafe, c.getKey(), bytes, 0, bytes.length, null, null);
        }
    }

    private static boolean isDefined(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
