package io.bulwark.agent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The only class the system class loader loads from the agent jar. It checks the JVM, puts the bootstrap bridge on
 * the bootstrap search path, creates the isolated {@link AgentClassLoader} and hands over. It never throws into the
 * JVM: a failure here is reported on stderr and the app starts unprotected, except a bad policy, which stops the
 * JVM (DESIGN.md: the app does not start half-protected).
 *
 * <p>Deliberately uses nothing but java.base, and nothing that locks in JDK service implementations early
 * (no java.util.logging, no JMX).
 */
public final class BulwarkLauncher {

    /** Exit status when the policy is bad at start (EX_CONFIG from sysexits.h). */
    public static final int EXIT_BAD_POLICY = 78;

    private static final String AGENT_MAIN = "io.bulwark.agent.AgentMain";
    private static final String CLI_MAIN = "io.bulwark.agent.cli.Cli";

    /** Read by the attach command (AttachCommand.RUNNING_PROPERTY) to refuse a second attach before it loads. */
    static final String RUNNING_PROPERTY = "bulwark.agent.running";

    private static volatile boolean started;

    private BulwarkLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** {@code java -jar bulwark-agent.jar validate PATH} and friends. */
    public static void main(String[] args) {
        int status;
        try {
            File jar = agentJar();
            ClassLoader loader = new AgentClassLoader(new JarFile(jar, false), jar,
                    ClassLoader.getPlatformClassLoader());
            Method run = loader.loadClass(CLI_MAIN).getMethod("run", String[].class);
            status = (Integer) run.invoke(null, (Object) args);
        } catch (Throwable t) {
            System.err.println("[bulwark] internal error: " + t);
            status = 70;
        }
        System.exit(status);
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        if (started) {
            if (attached) {
                // Thrown, not printed: the attach command gets it back as AgentInitializationException.
                throw new IllegalStateException("Bulwark already runs in this JVM; nothing changed");
            }
            System.err.println("[bulwark] already running in this JVM; ignoring the second start");
            return;
        }
        int status;
        try {
            if (Runtime.version().feature() < 17) {
                System.err.println("[bulwark] needs Java 17 or later; this JVM is " + Runtime.version()
                        + ". The app runs unprotected.");
                return;
            }
            long began = System.nanoTime();
            File jar = agentJar();
            // Opened once: the injector reads the bridge from it, then the agent's loader keeps it for good.
            JarFile opened = new JarFile(jar, false);
            BootstrapInjector.inject(inst, opened);
            ClassLoader loader = new AgentClassLoader(opened, jar, ClassLoader.getPlatformClassLoader());
            Method main = loader.loadClass(AGENT_MAIN)
                    .getMethod("start", String.class, Instrumentation.class, File.class, boolean.class);
            String debug = System.getProperty("bulwark.debug.startup");
            if (debug != null && (debug.isEmpty() || debug.equalsIgnoreCase("true"))) {
                // Not printf: its Formatter would load locale data on this thread, in the middle of what is measured.
                long micros = (System.nanoTime() - began) / 1_000;
                System.err.println("[bulwark] startup: bridge injected, agent loader ready " + micros / 1000 + "."
                        + (micros % 1000) / 100 + " ms");
            }
            status = (Integer) main.invoke(null, args, inst, jar, attached);
            started = status == 0;
            if (started) {
                System.setProperty(RUNNING_PROPERTY, attached ? "attached" : "started with -javaagent");
            }
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            System.err.println("[bulwark] failed to start (" + cause + "); the app runs unprotected");
            return;
        }
        if (status == EXIT_BAD_POLICY && !attached) {
            // The errors are printed already. Stopping here beats serving an API the operator thinks is protected.
            System.exit(EXIT_BAD_POLICY);
        }
        if (status != 0 && attached) {
            throw new IllegalStateException("Bulwark did not attach (status " + status + "); see the target's stderr");
        }
    }

    static File agentJar() throws URISyntaxException {
        return new File(BulwarkLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
