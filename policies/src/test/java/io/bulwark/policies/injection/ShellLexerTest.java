package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellLexerTest {

    private static List<String> lex(String script, ShellSyntax syntax) {
        ShellTokens tokens = ShellLexer.lex(script, syntax, null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.type(i) + ":" + tokens.text(i));
        }
        return out;
    }

    @Test
    void operatorsAndRedirections() {
        assertThat(lex("a && b || c | d; e & f >> g 2>&1 <<< h", ShellSyntax.POSIX)).containsExactly(
                "WORD:a", "OPERATOR:&&", "WORD:b", "OPERATOR:||", "WORD:c", "OPERATOR:|", "WORD:d", "OPERATOR:;",
                "WORD:e", "OPERATOR:&", "WORD:f", "REDIRECTION:>>", "WORD:g", "WORD:2", "REDIRECTION:>&",
                "WORD:1", "REDIRECTION:<<<", "WORD:h");
    }

    @Test
    void singleQuotesAreLiteralDoubleQuotesStillSubstitute() {
        assertThat(lex("echo '$(id); x'", ShellSyntax.POSIX)).containsExactly("WORD:echo", "SINGLE_QUOTED:'$(id); x'");
        assertThat(lex("echo \"a $(id; b) $HOME\"", ShellSyntax.POSIX)).containsExactly("WORD:echo",
                "DOUBLE_QUOTE:\"", "QUOTED_TEXT:a ", "SUBSTITUTION_OPEN:$(", "WORD:id", "OPERATOR:;", "WORD:b",
                "SUBSTITUTION_CLOSE:)", "QUOTED_TEXT: ", "VARIABLE:$HOME", "DOUBLE_QUOTE:\"");
    }

    @Test
    void bashExtensions() {
        assertThat(lex("echo $'a\\'b' ${x:-y} $((1+(2))) {a,b} {x} `id`", ShellSyntax.POSIX)).containsExactly(
                "WORD:echo", "ANSI_C_QUOTED:$'a\\'b'", "PARAMETER_EXPANSION:${x:-y}", "ARITHMETIC:$((1+(2)))",
                "BRACE_EXPANSION:{a,b}", "WORD:{x}", "SUBSTITUTION_OPEN:`", "WORD:id", "SUBSTITUTION_CLOSE:`");
    }

    @Test
    void commentsOnlyAtWordStart() {
        assertThat(lex("a#b # c", ShellSyntax.POSIX)).containsExactly("WORD:a#b", "COMMENT:# c");
    }

    @Test
    void recordsCommandWordsAndOptions() {
        ShellTokens tokens = ShellLexer.lex("ls -la x; /bin/rm -- '-f' | \"grep\" -v - y", ShellSyntax.POSIX, null);
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < tokens.commandWords(); i++) {
            commands.add(tokens.commandWord(i));
        }
        assertThat(commands).hasSize(3);
        assertThat(commands.subList(0, 2)).containsExactly("ls", "/bin/rm");
        assertThat(commands.get(2)).startsWith("grep");
        assertThat(tokens.optionStarts()).hasSize(4); // -la, --, the quoted -f, -v; not the lone -
    }

    @Test
    void cmdAndPowerShell() {
        assertThat(lex("dir \"a & b\" & whoami ^& x %PATH%", ShellSyntax.CMD)).containsExactly("WORD:dir",
                "QUOTED_TEXT:\"a & b\"", "OPERATOR:&", "WORD:whoami", "WORD:^&", "WORD:x", "VARIABLE:%PATH%");
        assertThat(lex("Get-Item 'a;b'; $(whoami) # c", ShellSyntax.POWERSHELL)).containsExactly("WORD:Get-Item",
                "SINGLE_QUOTED:'a;b'", "OPERATOR:;", "SUBSTITUTION_OPEN:$(", "WORD:whoami", "SUBSTITUTION_CLOSE:)",
                "COMMENT:# c");
    }

    @Test
    void deepNestingUsesNoRecursion() {
        String script = "$(".repeat(100_000) + "id" + ")".repeat(100_000);
        ShellTokens tokens = ShellLexer.lex(script, ShellSyntax.POSIX, null);
        assertThat(tokens.size()).isEqualTo(200_001);
    }
}
