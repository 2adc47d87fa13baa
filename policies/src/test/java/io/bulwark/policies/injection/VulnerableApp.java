package io.bulwark.policies.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

/** Builds sink text the way a vulnerable app would, one method per corpus context. */
final class VulnerableApp {
    static final List<String> SQL_STRING_CONTEXTS = List.of("string", "like", "insert", "update");

    private VulnerableApp() {
    }

    static String sql(String context, String x) {
        return switch (context) {
            case "numeric" -> "SELECT id, name FROM users WHERE id = " + x + " AND tenant = 7";
            case "string" -> "SELECT id, name FROM users WHERE name = '" + x + "' AND active = 1";
            case "like" -> "SELECT id, title FROM products WHERE title LIKE '%" + x + "%' ORDER BY id";
            case "orderby" -> "SELECT id, title FROM products ORDER BY " + x;
            case "inlist" -> "SELECT id, total FROM orders WHERE id IN (" + x + ")";
            case "insert" -> "INSERT INTO comments (author, body) VALUES ('bob', '" + x + "')";
            case "update" -> "UPDATE users SET email = '" + x + "' WHERE id = 42";
            case "bound" -> "SELECT id, name FROM users WHERE name = ? AND active = 1";
            default -> throw new IllegalArgumentException("unknown SQL context " + context);
        };
    }

    static String[] command(String context, String x) {
        return switch (context) {
            case "sh" -> new String[] {"sh", "-c", "echo " + x};
            case "sh-dq" -> new String[] {"sh", "-c", "echo \"" + x + "\""};
            case "sh-sq" -> new String[] {"sh", "-c", "echo '" + x + "'"};
            case "bash-env" -> new String[] {"/usr/bin/env", "bash", "-c", "ls /data/" + x};
            case "exec-string" -> split("ping -c 1 " + x);
            case "argv-program" -> split(x);
            case "argv-option" -> new String[] {"tar", "-czf", "/tmp/backup.tgz", x};
            case "argv" -> new String[] {"grep", "-F", "--", x, "/var/log/app.log"};
            case "cmd" -> new String[] {"cmd.exe", "/c", "dir " + x};
            case "powershell" -> new String[] {"powershell", "-Command", "Get-Item " + x};
            default -> throw new IllegalArgumentException("unknown command context " + context);
        };
    }

    /** What {@code Runtime.exec(String)} does to its command. */
    private static String[] split(String command) {
        List<String> parts = new ArrayList<>();
        StringTokenizer tokens = new StringTokenizer(command);
        while (tokens.hasMoreTokens()) {
            parts.add(tokens.nextToken());
        }
        return parts.toArray(new String[0]);
    }
}
