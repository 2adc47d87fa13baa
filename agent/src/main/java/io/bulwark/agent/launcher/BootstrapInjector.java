package io.bulwark.agent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge ({@code io/bulwark/bootstrap/*}) into the bootstrap class loader. Appending a jar to the bootstrap
 * search path would be simpler, but with class data sharing on (the default) HotSpot then prints a warning into the
 * app's stderr. So the classes are defined directly, through the JDK's internal {@code Unsafe}, whose package the
 * Instrumentation API lets an agent open to itself; only if that fails is the jar appended after all.
 *
 * <p>The bridge's class files are named by {@link #INDEX}, a list the build writes, because finding them by walking
 * the jar means creating an entry object for each of its ten thousand entries on the premain thread.
 */
final class BootstrapInjector {

    static final String INDEX = "io/bulwark/agent/launcher/bridge-classes.txt";
    private static final String PACKAGE_PATH = "io/bulwark/bootstrap/";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst, JarFile agentJar) throws IOException {
        String[] names = bridgeClassFiles(agentJar);
        try {
            define(inst, agentJar, names);
        } catch (Throwable unavailable) {
            inst.appendToBootstrapClassLoaderSearch(agentJar);
        }
    }

    /**
     * The bridge's class files in the order they can be defined: outer classes before nested ones, so that a
     * superclass is there when its subclass is defined (the bootstrap loader cannot look it up in the jar).
     */
    static String[] bridgeClassFiles(JarFile jar) throws IOException {
        JarEntry index = jar.getJarEntry(INDEX);
        String[] names = index == null ? scan(jar) : read(jar, index);
        Arrays.sort(names);
        String[] ordered = new String[names.length];
        int next = 0;
        for (String name : names) {
            if (name.indexOf('$') < 0) {
                ordered[next++] = name;
            }
        }
        for (String name : names) {
            if (name.indexOf('$') >= 0) {
                ordered[next++] = name;
            }
        }
        return ordered;
    }

    private static String[] read(JarFile jar, JarEntry index) throws IOException {
        String text;
        try (InputStream in = jar.getInputStream(index)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String name = line.trim();
            if (!name.isEmpty()) {
                if (!name.startsWith(PACKAGE_PATH) || !name.endsWith(".class")) {
                    throw new IOException("not a bridge class file in " + INDEX + ": " + name);
                }
                names.add(name);
            }
        }
        return names.toArray(new String[0]);
    }

    /** A jar built without the index (an older build script): the slow way, so the agent still starts. */
    private static String[] scan(JarFile jar) {
        List<String> names = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
                names.add(name);
            }
        }
        return names.toArray(new String[0]);
    }

    private static void define(Instrumentation inst, JarFile jar, String[] classFiles) throws Exception {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (String file : classFiles) {
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            if (isDefined(name)) {
                continue;
            }
            byte[] bytes = readEntry(jar, file);
            defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
        }
    }

    private static byte[] readEntry(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        if (entry == null) {
            throw new IOException(name + " is listed in " + INDEX + " but missing from the jar");
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
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
