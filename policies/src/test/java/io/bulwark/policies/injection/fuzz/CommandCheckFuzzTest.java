package io.bulwark.policies.injection.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.ShellLexer;
import io.bulwark.policies.injection.ShellSyntax;
import io.bulwark.policies.injection.WorkCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * InjectionEngine.checkCommand with a fuzzed script run through each way an app starts a process. Input layout:
 * a byte picks the command form (see FORMS; {@code '0'} is {@code sh -c}), a count byte and four bytes per input
 * (see InputSpecs, cut from the joined command line), then the script.
 */
class CommandCheckFuzzTest {
    private static final InjectionEngine ENGINE = new InjectionEngine();

    /** How the fuzzed text reaches the process, and what the masked sink shows before the script. */
    private enum Form {
        SH("sh -c ", ShellSyntax.POSIX, "sh", "-c"),
        BASH("/bin/bash -c ", ShellSyntax.POSIX, "/bin/bash", "-c"),
        CMD("cmd.exe ? ", ShellSyntax.CMD, "cmd.exe", "/c"),
        POWERSHELL("powershell -Command ", ShellSyntax.POWERSHELL, "powershell", "-Command"),
        ENV_SH("env ? ? -c ", ShellSyntax.POSIX, "env", "X=1", "sh", "-c"),
        /** No shell: a program given the text split on spaces, as Runtime.exec(String) would split it. */
        ARGV(null, null, "/usr/bin/tool");

        final String maskedPrefix;
        final ShellSyntax syntax;
        final String[] launcher;

        Form(String maskedPrefix, ShellSyntax syntax, String... launcher) {
            this.maskedPrefix = maskedPrefix;
            this.syntax = syntax;
            this.launcher = launcher;
        }

        String[] argv(String script) {
            if (syntax == null) {
                String[] words = script.split(" ", -1);
                String[] argv = new String[words.length + 1];
                argv[0] = launcher[0];
                System.arraycopy(words, 0, argv, 1, words.length);
                return argv;
            }
            String[] argv = new String[launcher.length + 1];
            System.arraycopy(launcher, 0, argv, 0, launcher.length);
            argv[launcher.length] = script;
            return argv;
        }
    }

    private static final Form[] FORMS = Form.values();

    @FuzzTest(maxDuration = "3m")
    void findingsAreOccurrencesAndMaskTheirArguments(byte[] data) {
        FuzzBytes in = FuzzBytes.of(data);
        Form form = FORMS[in.choose(FORMS.length)];
        InputSpecs specs = InputSpecs.read(in);
        String script = in.text();
        String[] argv = form.argv(script);
        String line = String.join(" ", argv);
        List<Input> inputs = specs.over(line);

        WorkCounter work = new WorkCounter();
        Finding finding = ENGINE.checkCommand(argv, inputs, work);

        List<Input> occurring = new ArrayList<>();
        for (Input input : inputs) {
            if (InputSpecs.occursIn(line, input)) {
                occurring.add(input);
            }
        }
        if (occurring.isEmpty() && (finding != null || work.tokensProduced() > 0)) {
            throw new AssertionError("no input occurs in the command, yet it was lexed or judged: " + finding);
        }
        Finding withoutAbsent = ENGINE.checkCommand(argv, occurring);
        if (!Objects.equals(finding, withoutAbsent)) {
            throw new AssertionError("inputs absent from the command changed the verdict: " + finding + " vs "
                    + withoutAbsent);
        }
        if (finding != null) {
            FindingChecks.assertPointsAtAnOccurrence(finding, "shell", line, inputs);
            String dialect = finding.dialect();
            if (!dialect.equals("argv") && (form.syntax == null
                    || !dialect.equals(form.syntax.name().toLowerCase(Locale.ROOT)))) {
                throw new AssertionError("finding names " + dialect + " for " + form);
            }
            assertMasked(finding.maskedSink(), form, argv, script);
        }
        WorkBounds.assertAtMost(work.tokensProduced(), script.length(), "tokens produced");
        long lexing = form.syntax == null ? 0 : WorkBounds.shellLexing(form.syntax, script.length());
        long budget = line.length() + (long) inputs.size() * WorkBounds.MATCH_PER_CHAR * line.length() + lexing;
        WorkBounds.assertAtMost(work.charsScanned(), budget, "characters scanned checking " + inputs.size()
                + " inputs against " + line.length() + " chars");
    }

    private static void assertMasked(String masked, Form form, String[] argv, String script) {
        if (form.syntax == null || (form.syntax == ShellSyntax.POSIX && readAsOptions(script))) {
            String expected = ArgvMasking.expected(argv);
            if (!FindingChecks.isClipOf(masked, expected)) {
                throw new AssertionError("argv masked as\n" + masked + "\nexpected\n" + expected);
            }
            return;
        }
        if (!masked.startsWith(form.maskedPrefix)) {
            throw new AssertionError("masked sink should start with " + form.maskedPrefix + ": " + masked);
        }
        boolean clipped = masked.length() > FindingChecks.MAX_SINK_CHARS;
        int limit = clipped ? FindingChecks.MAX_SINK_CHARS : masked.length();
        if (clipped && !masked.endsWith("…")) {
            throw new AssertionError("a masked sink longer than the limit must end with an ellipsis");
        }
        ShellMasking.assertMasked(masked, form.maskedPrefix.length(), limit, script,
                ShellLexer.lex(script, form.syntax, null));
    }

    /**
     * {@code sh -c} and {@code bash -c} take a script that starts with {@code -} or {@code +} for more options and
     * refuse to start ("Illegal option"), so nothing in it runs and the engine judges the argv alone.
     */
    private static boolean readAsOptions(String script) {
        return script.equals("-") || ((script.startsWith("-") || script.startsWith("+")) && script.length() > 1);
    }
}
