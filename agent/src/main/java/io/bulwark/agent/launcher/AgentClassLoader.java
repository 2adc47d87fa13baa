package io.bulwark.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's engines and relocated dependencies from the jar's {@code inst/} folder, where classes are
 * stored as {@code .classdata}: no other loader (the app's, a classpath scanner's) can find them under their real
 * names, so the agent's Jackson never meets the app's. Its parent is the platform loader, so the JDK (java.sql
 * included) and the bootstrap bridge are visible, and nothing of the app is.
 */
final class AgentClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String PREFIX = "inst/";

    private final JarFile jar;
    private final URL jarUrl;
    private final ProtectionDomain domain;

    /**
     * @param jar the agent jar, opened once by the launcher and shared with {@link BootstrapInjector}; this loader
     *            reads from it for the life of the JVM, so it is never closed
     */
    AgentClassLoader(JarFile jar, File agentJar, ClassLoader parent) throws IOException {
        super("bulwark", parent);
        this.jar = jar;
        this.jarUrl = agentJar.toURI().toURL();
        this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // another thread defined it first
                }
            }
        }
    }

    /** Byte Buddy reads advice class files as resources: serve {@code a/B.class} from {@code inst/a/B.classdata}. */
    @Override
    protected URL findResource(String name) {
        String stored = stored(name);
        if (jar.getJarEntry(stored) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + stored);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Read straight from the open jar: the inherited way makes a {@code jar:} URL per read and opens it through
     * the URL handler's own jar cache, for each advice class Byte Buddy reads while the agent starts. The JDK's
     * resources still come first, as {@link #getResource} has them.
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        URL fromJdk = getParent().getResource(name);
        try {
            if (fromJdk != null) {
                return fromJdk.openStream();
            }
            JarEntry entry = jar.getJarEntry(stored(name));
            return entry == null ? null : jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    private static String stored(String resourceName) {
        return resourceName.endsWith(".class")
                ? PREFIX + resourceName.substring(0, resourceName.length() - ".class".length()) + ".classdata"
                : PREFIX + resourceName;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }
}
