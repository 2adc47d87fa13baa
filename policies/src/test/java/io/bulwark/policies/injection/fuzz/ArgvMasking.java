package io.bulwark.policies.injection.fuzz;

/**
 * The masked form of an argv array run without a shell: the program and option names stay, every other argument
 * (file names, passwords, personal data) becomes {@code ?}; names are clipped to 64 characters.
 */
final class ArgvMasking {
    private static final int MAX_NAME_CHARS = 64;

    private ArgvMasking() {
    }

    /** The full masked line, before the log clips it. */
    static String expected(String[] argv) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < argv.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            String arg = argv[i];
            if (i == 0) {
                out.append(clip(arg));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                out.append(clip(name(arg)));
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** An option's value is data, not a name: after {@code =} for long options, glued on for short ones. */
    private static String name(String arg) {
        if (arg.startsWith("--")) {
            int equals = arg.indexOf('=');
            return equals > 0 ? arg.substring(0, equals) : arg;
        }
        return arg.length() > 2 ? arg.substring(0, 2) : arg;
    }

    private static String clip(String s) {
        return s.length() <= MAX_NAME_CHARS ? s : s.substring(0, MAX_NAME_CHARS) + "…";
    }
}
