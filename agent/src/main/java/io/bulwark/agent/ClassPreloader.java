package io.bulwark.agent;

import com.fasterxml.jackson.core.JsonFactory;
import io.bulwark.bootstrap.AgentThread;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on an agent thread, the classes premain is about to need (listed in {@value #LIST}), while premain itself
 * reads the policy: Jackson, the model, the engines, the attack log, the gateway. Reading those classes out of the jar
 * and defining them was some 40 % of premain's own CPU on the demo; done here, premain mostly finds them loaded.
 *
 * <p>Loaded, never initialised: loading has no side effects and cannot deadlock with premain (the agent's class
 * loader is parallel capable, locks per class name, and a class's loading waits only on its supertypes), whereas
 * initialising classes on two threads at once can deadlock on a cycle of static initialisers. Premain initialises
 * each class where it always did, so no code of theirs runs in a different order. One class is also linked here
 * (see {@link #run}). A name that does not load is skipped: the list only saves time, it never decides anything.
 */
final class ClassPreloader implements Runnable {

    static final String LIST = "io/bulwark/agent/premain-classes.txt";
    /**
     * Premain waits this long at most for the class in hand when it finishes: loading one takes well under a
     * millisecond, but on a busy machine this thread may be waiting for a core.
     */
    private static final long FINISH_WAIT_MILLIS = 100;

    private final ClassLoader loader;
    private final Thread thread;
    private volatile boolean finishing;
    private volatile int loaded;

    private ClassPreloader(ClassLoader loader) {
        this.loader = loader;
        this.thread = new AgentThread(this, "bulwark-preload");
    }

    /** Starts loading the listed classes into {@code loader}; {@link #finish} before premain returns. */
    static ClassPreloader start(ClassLoader loader) {
        ClassPreloader preloader = new ClassPreloader(loader);
        try {
            preloader.thread.start();
        } catch (OutOfMemoryError noThread) {
            // the process is at its thread limit: premain loads its own classes, as it did before
        }
        return preloader;
    }

    /**
     * Stops taking names and waits for the class in hand: once premain is done, the rest of the list was loaded by
     * premain itself, and the app's start should not share its cores with this thread.
     *
     * @return how many classes this thread loaded
     */
    int finish() {
        finishing = true;
        return awaitThread(FINISH_WAIT_MILLIS);
    }

    /** Lets the thread go through the whole list first: for tests, which check what it loads. */
    int finishAfterAll() {
        return awaitThread(10_000);
    }

    private int awaitThread(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return loaded;
    }

    @Override
    public void run() {
        long began = StartupTimer.start();
        // Linked first, not only loaded: verifying Jackson's factory loads every parser and generator it can make
        // (some 20 classes, 200 KB), which cost premain's thread about 20 ms when the policy reader first used it.
        // Linking runs none of its code; premain, which reaches it a few milliseconds later, waits at most for the
        // rest of this one verification, which it would otherwise do itself.
        try {
            JsonFactory.class.getDeclaredConstructors();
        } catch (LinkageError | RuntimeException notHere) {
            // premain meets the same error where it uses the factory, and reports it as it always did
        }
        String list = read(loader, LIST);
        int count = 0;
        for (int start = 0, end; start < list.length() && !finishing; start = end + 1) {
            end = list.indexOf('\n', start);
            if (end < 0) {
                end = list.length();
            }
            String name = list.substring(start, end).trim();
            if (!name.isEmpty() && name.charAt(0) != '#' && load(name)) {
                count++;
            }
        }
        loaded = count;
        StartupTimer.mark("classes preloaded (" + count + ")", began);
    }

    private boolean load(String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError stale) {
            // renamed or removed since the list was made: premain loads what it really needs itself
            return false;
        }
    }

    /** The list's text, or "" when it cannot be read (then nothing is preloaded, and premain is as it was). */
    static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
