package io.bulwark.instrumentation.weaving;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.BufferedReader;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Classes compiled by javac whose methods have the hooks' shapes, with bodies that give the verifier work: loops,
 * handlers of their own, monitors, long and double locals, several returns. Woven copies are loaded and run.
 */
public final class WeavingFixtures {

    private WeavingFixtures() {
    }

    public static class ServiceLike {
        public final List<String> ran = new ArrayList<>();

        public void service(ServletRequest request, ServletResponse response) {
            long total = 0;
            for (int i = 0; i < 3; i++) {
                total += i;
            }
            try {
                if (request == null) {
                    throw new IllegalStateException("no request");
                }
            } catch (IllegalArgumentException notThis) {
                ran.add("caught");
            }
            synchronized (ran) {
                ran.add("ran " + total);
            }
            if (response == null) {
                return;
            }
            ran.add("end");
        }
    }

    public static class StatementLike {
        /** Statements the body ran: a blocked one must not count. */
        public int executed;

        public long executeLargeUpdate(String sql) {
            double weight = 1.5;
            long rows = 0;
            try {
                for (char c : sql.toCharArray()) {
                    if (c == ';') {
                        return -1;
                    }
                    rows += (long) weight;
                }
            } finally {
                weight = 0;
            }
            return rows;
        }

        public boolean execute(String sql) {
            executed++;
            if (sql.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return sql.startsWith("select");
        }
    }

    public static class InputLike {
        public int served;

        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            for (int i = 0; i < 2 && i < length; i++) {
                buffer[offset + i] = (byte) ('a' + i);
            }
            served += 2;
            return 2;
        }

        public boolean isFinished() {
            return served > 100;
        }
    }

    public static class RequestLike {
        public BufferedReader getReader() {
            throw new IllegalStateException("getInputStream() was called");
        }

        public Principal getUserPrincipal() {
            return null;
        }
    }

    public static class RowsLike {
        public int left = 1;

        public boolean next() {
            if (left < 0) {
                throw new IllegalStateException("closed");
            }
            return left-- > 0;
        }
    }

    public static class ExecutorLike {
        public Runnable last;

        public void execute(Runnable task) {
            last = task;
        }
    }

    public static class ProcessLike {
        public static int started;

        public static Object start(String[] command, int flags) {
            started++;
            return command[0];
        }
    }
}
