package io.bulwark.instrumentation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a class file straight from the jar or directory another class came from. While an app starts, the index
 * reads a few hundred superclasses and interfaces that are not loaded yet, almost all from the jar of the subclass
 * being defined; asking the class loader costs about three times as much (a URL and a connection per read, and a
 * look into the JDK's image through each parent first), and that CPU is spent on the app's own threads.
 * <p>
 * Only for loaders that live as long as the JVM (the system class loader's class path): their jars are open for
 * good anyway, so holding our own handle on them changes nothing, whereas a web app's jars must be free to go when
 * it is undeployed. A class the entry does not hold is read through the loader as before; so is everything from
 * other loaders. If the class path names a class twice, the loader's first copy is the one the JVM loads while this
 * reads the copy beside the subclass: the index may then place it differently (which only decides whether a hook
 * applies, never breaks the class).
 */
final class ClassPathFiles {

    /** Enough for a large class path; past it, reads go through the loader. */
    private static final int MAX_ENTRIES = 256;

    /** One jar or directory of the class path. */
    private static final class Entry {
        private final File jar;
        private final Path directory;
        private JarFile open;
        private boolean failed;

        Entry(File jar, Path directory) {
            this.jar = jar;
            this.directory = directory;
        }

        /** The class file's bytes, or null when this entry does not hold it. */
        synchronized byte[] read(String resource) throws IOException {
            if (directory != null) {
                Path file = directory.resolve(resource);
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            if (failed) {
                return null;
            }
            if (open == null) {
                try {
                    open = new JarFile(jar, false, ZipFile.OPEN_READ, Runtime.version());
                } catch (IOException | RuntimeException unreadable) {
                    failed = true;
                    return null;
                }
            }
            ZipEntry entry = open.getJarEntry(resource);
            if (entry == null) {
                return null;
            }
            try (InputStream in = open.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /** No entry: the class came from somewhere this does not read (a nested jar, a URL, a generated class). */
    private static final Entry NONE = new Entry(null, null);

    private final ClassLoader lifelong;
    private final Map<CodeSource, Entry> entries = new IdentityHashMap<>();

    /** @param lifelong the loader whose class path is read directly (the system class loader) */
    ClassPathFiles(ClassLoader lifelong) {
        this.lifelong = lifelong;
    }

    /** Where classes that {@code loader} defines in {@code domain} come from, or null when not readable here. */
    Object sourceOf(ClassLoader loader, ProtectionDomain domain) {
        if (loader == null || loader != lifelong || domain == null) {
            return null;
        }
        CodeSource codeSource = domain.getCodeSource();
        if (codeSource == null) {
            return null;
        }
        synchronized (entries) {
            Entry entry = entries.get(codeSource);
            if (entry == null) {
                if (entries.size() >= MAX_ENTRIES) {
                    return null;
                }
                entry = entryFor(codeSource.getLocation());
                entries.put(codeSource, entry);
            }
            return entry == NONE ? null : entry;
        }
    }

    /** The class file of {@code className} from {@code source}, or null. */
    static byte[] read(Object source, String className) {
        if (!(source instanceof Entry entry)) {
            return null;
        }
        try {
            return entry.read(className.replace('.', '/') + ".class");
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Entry entryFor(URL location) {
        if (location == null || !"file".equals(location.getProtocol())) {
            return NONE;
        }
        try {
            File file = new File(location.toURI());
            if (file.isDirectory()) {
                return new Entry(null, file.toPath());
            }
            return file.isFile() && file.getName().endsWith(".jar") ? new Entry(file, null) : NONE;
        } catch (java.net.URISyntaxException | IllegalArgumentException unusual) {
            return NONE;
        }
    }
}
