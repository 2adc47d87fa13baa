package io.bulwark.agent.cli;

import io.bulwark.agent.PolicyPreflight;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code attach PID [policy=PATH]}: loads the agent into a running JVM. Everything that can be refused is refused
 * here, before the target is touched: a bad policy (judged with the target's own working directory and system
 * properties, so it is the file the agent would pick there) and a JVM that already runs Bulwark.
 *
 * <p>The attach API lives in the optional {@code jdk.attach} module; it is reached reflectively so the agent jar
 * still loads in runtimes built without it, and the command says so instead of failing to link.
 */
final class AttachCommand {

    /** Set by the launcher in a JVM where the agent runs; read here to refuse a second attach politely. */
    static final String RUNNING_PROPERTY = "bulwark.agent.running";

    static final int REFUSED = 1;
    static final int FAILED = 3;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code args} without the command word: PID, then optional {@code policy=PATH}. */
    int run(String[] args) {
        if (args.length < 1 || args.length > 2 || !args[0].matches("[0-9]{1,10}")
                || (args.length == 2 && !args[1].startsWith("policy="))) {
            err.println("usage: attach PID [policy=PATH]");
            return Cli.USAGE;
        }
        String pid = args[0];
        String agentArgs = args.length == 2 ? absolutePolicy(args[1].substring("policy=".length())) : "";
        Optional<Class<?>> vmClass = virtualMachineClass();
        if (vmClass.isEmpty()) {
            err.println("this Java runtime has no jdk.attach module; run the command with a full JDK");
            return FAILED;
        }
        Object vm;
        try {
            vm = call(vmClass.get(), null, "attach", new Class<?>[] {String.class}, pid);
        } catch (ReflectiveOperationException e) {
            err.println("cannot attach to JVM " + pid + ": " + reason(e)
                    + " (is it running, a HotSpot JVM, and run by this user?)");
            return FAILED;
        }
        try {
            return attached(vmClass.get(), vm, pid, agentArgs);
        } finally {
            try {
                call(vmClass.get(), vm, "detach", new Class<?>[0]);
            } catch (ReflectiveOperationException e) {
                // Detaching only closes our side of the socket; the target is unaffected either way.
            }
        }
    }

    private int attached(Class<?> vmClass, Object vm, String pid, String agentArgs) {
        Properties target;
        try {
            target = (Properties) call(vmClass, vm, "getSystemProperties", new Class<?>[0]);
        } catch (ReflectiveOperationException e) {
            err.println("cannot read JVM " + pid + "'s settings: " + reason(e));
            return FAILED;
        }
        String running = target.getProperty(RUNNING_PROPERTY);
        if (running != null) {
            err.println("Bulwark already runs in JVM " + pid + " (" + running + "); nothing changed");
            return REFUSED;
        }
        Path workingDir = Path.of(target.getProperty("user.dir", "."));
        PolicyPreflight.Verdict verdict = PolicyPreflight.check(agentArgs, target, workingDir);
        if (!verdict.ok()) {
            err.println("not attaching to JVM " + pid + ": the policy "
                    + (verdict.policy() == null ? "arguments are" : verdict.policy() + " (" + verdict.how() + ") is")
                    + " invalid; the JVM is left untouched:");
            verdict.problems().forEach(p -> err.println("  " + p));
            return REFUSED;
        }
        try {
            call(vmClass, vm, "loadAgent", new Class<?>[] {String.class, String.class}, agentJar(), agentArgs);
        } catch (ReflectiveOperationException e) {
            err.println("the agent did not start in JVM " + pid + ": " + reason(e) + "; see that JVM's stderr");
            return FAILED;
        }
        out.println("Bulwark attached to JVM " + pid + ": "
                + (verdict.policy() == null ? "built-in default policy" : "policy " + verdict.policy()));
        return Cli.OK;
    }

    /** The operator types a path relative to where they stand, not to where the target was started. */
    private static String absolutePolicy(String path) {
        return "policy=" + Path.of(path).toAbsolutePath().normalize();
    }

    private static Optional<Class<?>> virtualMachineClass() {
        return ModuleLayer.boot().findModule("jdk.attach").map(module -> {
            try {
                return Class.forName("com.sun.tools.attach.VirtualMachine", true, module.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
        });
    }

    private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters, Object... args)
            throws ReflectiveOperationException {
        Method method = type.getMethod(name, parameters);
        return method.invoke(target, args);
    }

    /** The attach API's own exception (AgentInitializationException and friends), not the reflection wrapper. */
    private static String reason(ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String agentJar() {
        try {
            return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the agent jar's location is not a file", e);
        }
    }
}
