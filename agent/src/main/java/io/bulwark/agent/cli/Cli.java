package io.bulwark.agent.cli;

import io.bulwark.agent.cli.report.ReportCommand;
import io.bulwark.policies.model.parse.PolicyError;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code java -jar bulwark-agent.jar COMMAND ...}: what an operator runs beside the agent. */
public final class Cli {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0])) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? USAGE : OK;
        }
        switch (args[0]) {
            case "validate":
                if (args.length < 2) {
                    err.println("validate needs at least one policy file: validate PATH...");
                    return USAGE;
                }
                return validate(args, out);
            case "attach":
                return new AttachCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
            case "report":
                return new ReportCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
            case "version":
                out.println("Bulwark " + version());
                return OK;
            default:
                err.println("unknown command '" + args[0] + "'");
                usage(err);
                return USAGE;
        }
    }

    /** Prints OK or every error of each file; exits 1 if any file is invalid. */
    private static int validate(String[] args, PrintStream out) {
        int status = OK;
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            if (!Files.isRegularFile(file)) {
                out.println(file + ": no such file");
                status = INVALID;
                continue;
            }
            PolicyParseResult result = PolicyParser.parse(file);
            if (result.isValid()) {
                out.println(file + ": OK");
            } else {
                for (PolicyError error : result.errors()) {
                    out.println(error);
                }
                out.println(file + ": " + result.errors().size() + " error(s)");
                status = INVALID;
            }
        }
        return status;
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar bulwark-agent.jar COMMAND");
        out.println("  validate PATH...   check policy files; prints OK or every error (file:line:column: field: message)");
        out.println("  attach PID [policy=PATH]  load the agent into a running JVM; refused, leaving it untouched,");
        out.println("                     if the policy is invalid or Bulwark already runs there");
        out.println("  report LOGFILE...  summarise attack logs (plain, rotated, gzip): attacks by type, top");
        out.println("                     sources and routes, timeline; --json, --html OUT.html; report --help");
        out.println("  version            print the agent's version");
        out.println("As an agent: java -javaagent:bulwark-agent.jar[=policy=PATH] -jar your-app.jar");
    }

    private static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
