package io.bulwark.it.probe;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.LoggerFactory;

/**
 * Run in a forked JVM under the agent, with only this class, the app's Jackson and an SLF4J binding on the class
 * path. Prints one line per fact; {@code IsolationIT} judges them. Exits 0 unless it could not even run.
 */
public final class IsolationProbe {

    private static final String[] AGENT_INTERNALS = {
        "io.bulwark.agent.AgentMain",
        "io.bulwark.shaded.jackson.databind.ObjectMapper",
        "io.bulwark.policies.injection.Input",
    };

    private IsolationProbe() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader app = IsolationProbe.class.getClassLoader();
        for (String name : AGENT_INTERNALS) {
            System.out.println(visibility(name, app) + " " + name);
        }
        // Proves the agent really ran: its bridge is on the bootstrap search path.
        System.out.println("bridge " + visibility("io.bulwark.bootstrap.Bridge", null));

        ObjectMapper mapper = new ObjectMapper();
        System.out.println("jackson " + mapper.version());
        System.out.println("json " + mapper.writeValueAsString(Map.of("probe", "ok")));

        LoggerFactory.getLogger(IsolationProbe.class).info("probe logging through the app's binding");
        System.out.println("slf4j " + LoggerFactory.getILoggerFactory().getClass().getName());
    }

    private static String visibility(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return "visible";
        } catch (ClassNotFoundException e) {
            return "hidden";
        } catch (LinkageError e) {
            return "broken(" + e + ")";
        }
    }
}
