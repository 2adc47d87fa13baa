package io.bulwark.policies.injection;

import java.util.Locale;
import java.util.Set;

/**
 * An argv array as one space-joined line (so an input that {@code Runtime.exec(String)} split into several
 * elements is still found), and the script inside it when argv asks a shell to interpret one.
 */
final class CommandLine {
    private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash",
            "yash", "busybox");
    /** Programs that run the rest of argv as a command; a shell may hide behind them. */
    private static final Set<String> LAUNCHERS = Set.of("env", "nohup", "nice", "timeout", "stdbuf", "exec");

    final String[] argv;
    final String line;
    final int[] elementStarts;
    /** The script's syntax, or null when argv runs a program directly. */
    final ShellSyntax syntax;
    /** Where the script lies in {@link #line}. */
    final int scriptStart;
    final int scriptEnd;

    private CommandLine(String[] argv, String line, int[] elementStarts, ShellSyntax syntax, int scriptStart,
                        int scriptEnd) {
        this.argv = argv;
        this.line = line;
        this.elementStarts = elementStarts;
        this.syntax = syntax;
        this.scriptStart = scriptStart;
        this.scriptEnd = scriptEnd;
    }

    static CommandLine of(String[] argv) {
        int[] starts = new int[argv.length];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < argv.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            starts[i] = line.length();
            line.append(argv[i] == null ? "" : argv[i]);
        }
        String joined = line.toString();
        int[] script = findScript(argv);
        if (script == null) {
            return new CommandLine(argv, joined, starts, null, -1, -1);
        }
        ShellSyntax syntax = ShellSyntax.values()[script[0]];
        return new CommandLine(argv, joined, starts, syntax, starts[script[1]], joined.length() - tailAfter(argv,
                starts, joined, script));
    }

    private static int tailAfter(String[] argv, int[] starts, String joined, int[] script) {
        // POSIX: the script is one element; cmd and PowerShell: the rest of the line.
        if (script[0] != ShellSyntax.POSIX.ordinal()) {
            return 0;
        }
        int element = script[1];
        return joined.length() - (starts[element] + nullSafe(argv[element]).length());
    }

    String script() {
        return line.substring(scriptStart, scriptEnd);
    }

    int elementAt(int position) {
        int i = ShellStructure.lowerBound(elementStarts, position + 1) - 1;
        return Math.max(0, i);
    }

    /** {syntax ordinal, first script element} or null. */
    private static int[] findScript(String[] argv) {
        int i = 0;
        while (i < argv.length && LAUNCHERS.contains(programName(argv[i]))) {
            i = skipLauncherArguments(argv, i);
        }
        if (i >= argv.length) {
            return null;
        }
        String program = programName(argv[i]);
        if (program.equals("busybox") && i + 1 < argv.length && POSIX_SHELLS.contains(programName(argv[i + 1]))) {
            i++;
        }
        if (POSIX_SHELLS.contains(program)) {
            return posixScript(argv, i);
        }
        if (program.equals("cmd")) {
            for (int j = i + 1; j < argv.length; j++) {
                String arg = nullSafe(argv[j]).toLowerCase(Locale.ROOT);
                if (arg.equals("/c") || arg.equals("/k") || arg.equals("/r")) {
                    return j + 1 < argv.length ? new int[] {ShellSyntax.CMD.ordinal(), j + 1} : null;
                }
            }
            return null;
        }
        if (program.equals("powershell") || program.equals("pwsh")) {
            for (int j = i + 1; j < argv.length; j++) {
                String arg = nullSafe(argv[j]).toLowerCase(Locale.ROOT);
                if (arg.length() >= 2 && (arg.charAt(0) == '-' || arg.charAt(0) == '/')
                        && "command".startsWith(arg.substring(1))) {
                    return j + 1 < argv.length ? new int[] {ShellSyntax.POWERSHELL.ordinal(), j + 1} : null;
                }
                if (arg.isEmpty() || (arg.charAt(0) != '-' && arg.charAt(0) != '/')) {
                    // PowerShell treats the first bare argument as the command too.
                    return new int[] {ShellSyntax.POWERSHELL.ordinal(), j};
                }
            }
        }
        return null;
    }

    private static int[] posixScript(String[] argv, int shell) {
        boolean command = false;
        for (int j = shell + 1; j < argv.length; j++) {
            String arg = nullSafe(argv[j]);
            if (arg.equals("--") || arg.equals("-")) {
                return command && j + 1 < argv.length ? new int[] {ShellSyntax.POSIX.ordinal(), j + 1} : null;
            }
            if (arg.startsWith("--")) {
                continue; // long options (--norc, --login) take no script
            }
            if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
                command |= arg.indexOf('c', 1) > 0;
                if (arg.indexOf('o', 1) > 0 || arg.indexOf('O', 1) > 0) {
                    j++; // -o OPTION
                }
                continue;
            }
            return command ? new int[] {ShellSyntax.POSIX.ordinal(), j} : null;
        }
        return null;
    }

    private static int skipLauncherArguments(String[] argv, int launcher) {
        String name = programName(argv[launcher]);
        int j = launcher + 1;
        while (j < argv.length) {
            String arg = nullSafe(argv[j]);
            if (arg.equals("--")) {
                return j + 1;
            }
            boolean option = arg.startsWith("-") && arg.length() > 1;
            boolean assignment = name.equals("env") && arg.indexOf('=') > 0 && !arg.startsWith("-");
            if (option) {
                if (arg.equals("-u") || arg.equals("-n") || arg.equals("-s") || arg.equals("-k")
                        || arg.equals("-C") || arg.equals("--unset") || arg.equals("--chdir")) {
                    j++;
                }
                j++;
            } else if (assignment) {
                j++;
            } else if (name.equals("timeout") && Character.isDigit(arg.isEmpty() ? 'x' : arg.charAt(0))) {
                return j + 1; // the duration
            } else {
                return j;
            }
        }
        return j;
    }

    /** {@code /usr/bin/bash}, {@code C:\Windows\System32\cmd.exe} and {@code BASH} all name their shell. */
    static String programName(String path) {
        String p = nullSafe(path);
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        String name = p.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        return name;
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }
}
