package io.bulwark.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from what the census saw, which protections have nothing hooked in front of them. A pure function, so
 * each message can be pinned by a test; the wording names what was seen, so an operator knows which server or
 * driver runs unprotected and why.
 */
final class HookGaps {

    /** The census at one moment. */
    record Snapshot(boolean servletEnabled, boolean jdbcEnabled, int servletEntries, List<String> servletEntryNames,
                    List<String> servers, int jdbcHooks, int connections, List<String> jdbcNames,
                    boolean requestSeen) {
    }

    /** Which gap a message is about, so each is said once. */
    enum Kind { SERVLET, JDBC }

    record Gap(Kind kind, String message) {
    }

    private HookGaps() {
    }

    static List<Gap> find(Snapshot s) {
        List<Gap> gaps = new ArrayList<>(2);
        if (s.servletEntries() == 0 && !s.servers().isEmpty()) {
            gaps.add(new Gap(Kind.SERVLET, "no servlet entry point was hooked, yet " + String.join(", ", s.servers())
                    + " is running: requests to it are NOT checked (no authentication, rate limits or injection"
                    + " blocking)" + (s.servletEnabled() ? "; the server's request path is not a supported"
                    + " servlet container, or its classes could not be instrumented"
                    : "; the policy disables the servlet hooks (instrumentation.disabled)")));
        }
        if (s.connections() > 0 && s.jdbcHooks() == 0) {
            gaps.add(new Gap(Kind.JDBC, "JDBC is in use (" + String.join(", ", s.jdbcNames())
                    + ") but no JDBC statement or connection class was hooked: SQL injection is NOT blocked"
                    + (s.jdbcEnabled() ? "; the driver's classes could not be instrumented"
                    : "; the policy disables the jdbc hooks (instrumentation.disabled)")));
        }
        return gaps;
    }
}
