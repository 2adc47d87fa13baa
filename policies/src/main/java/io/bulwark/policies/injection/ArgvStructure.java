package io.bulwark.policies.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges an input in an argv array that no shell interprets. Shell metacharacters are inert here; only two things
 * change what runs: the input naming the program, or the input starting an argument with {@code -} before the
 * app's own {@code --} (option injection, as in {@code tar --checkpoint-action=exec=...}). A lone {@code -} is the
 * usual name for standard input, not an option.
 */
final class ArgvStructure {
    private static final int MAX_TOKENS_SHOWN = 32;

    private final CommandLine command;
    /** Index of the first {@code --} element, after which programs stop parsing options; or argv.length. */
    private final int endOfOptions;

    ArgvStructure(CommandLine command) {
        this.command = command;
        int marker = command.argv.length;
        for (int i = 1; i < command.argv.length; i++) {
            if ("--".equals(command.argv[i])) {
                marker = i;
                break;
            }
        }
        this.endOfOptions = marker;
    }

    String judge(int start, int end) {
        String program = element(0);
        if (start == 0 && end >= program.length() && !program.isEmpty()) {
            return "input becomes the program";
        }
        if (start > 0 && start < program.length() && end >= program.length()) {
            char before = program.charAt(start - 1);
            if (before == '/' || before == '\\') {
                return "input becomes the program file";
            }
        }
        int first = command.elementAt(start);
        for (int i = Math.max(1, first); i < command.argv.length && command.elementStarts[i] < end; i++) {
            int at = command.elementStarts[i];
            String arg = element(i);
            if (at >= start && at < end - 1 && arg.length() > 1 && arg.charAt(0) == '-' && i < endOfOptions
) {
                return "input starts option " + Masking.clip(optionName(arg));
            }
        }
        return null;
    }

    private String element(int i) {
        return command.argv[i] == null ? "" : command.argv[i];
    }

    /**
     * What of an option may be logged: a long option up to its {@code =}; a short one as its dash and letter only,
     * since short options take their value glued on ({@code -pPASSWORD}, {@code -uroot}).
     */
    private static String optionName(String arg) {
        return arg.startsWith("--") ? beforeEquals(arg) : arg.length() > 2 ? arg.substring(0, 2) : arg;
    }

    private static String beforeEquals(String arg) {
        int equals = arg.indexOf('=');
        return equals > 0 ? arg.substring(0, equals) : arg;
    }

    List<String> spanned(int start, int end) {
        List<String> out = new ArrayList<>();
        for (int i = command.elementAt(start); i < command.argv.length && command.elementStarts[i] < end
                && out.size() < MAX_TOKENS_SHOWN; i++) {
            out.add(describe(i));
        }
        return out;
    }

    private String describe(int i) {
        String arg = element(i);
        if (i == 0) {
            return "PROGRAM:" + Masking.clip(arg);
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            return "OPTION:" + Masking.clip(optionName(arg));
        }
        return "ARGUMENT:?";
    }

    /** Program and option names stay; arguments (file names, passwords, personal data) become {@code ?}. */
    String masked(ShellTokens script) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < command.argv.length && out.length() < Masking.MAX_SINK_CHARS; i++) {
            if (i > 0) {
                out.append(' ');
            }
            int at = command.elementStarts[i];
            if (script != null && at == command.scriptStart) {
                out.append(script.masked(Masking.MAX_SINK_CHARS));
                if (command.syntax != ShellSyntax.POSIX) {
                    i = command.argv.length; // the rest belongs to the script
                    break;
                }
            } else if (i == 0) {
                out.append(Masking.clip(element(i)));
            } else if (element(i).startsWith("-") && element(i).length() > 1) {
                // a shell's own flags before its script (-c, -Command) are the app's constant text
                boolean shellFlag = script != null && at < command.scriptStart;
                out.append(Masking.clip(shellFlag ? beforeEquals(element(i)) : optionName(element(i))));
            } else {
                out.append('?');
            }
        }
        return Masking.clipTo(out, Masking.MAX_SINK_CHARS, i < command.argv.length);
    }
}
