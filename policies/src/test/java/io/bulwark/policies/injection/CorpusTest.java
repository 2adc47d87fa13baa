package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every attack in the corpora is found in every dialect it targets; no benign value is, anywhere. */
class CorpusTest {
    private static final InputSource[] SOURCES = {InputSource.QUERY, InputSource.FORM, InputSource.MULTIPART,
            InputSource.PATH, InputSource.HEADER, InputSource.COOKIE, InputSource.JSON};

    private final InjectionEngine engine = new InjectionEngine();

    /** Other inputs a real request carries, which must neither hide the attack nor be blamed for it. */
    private static List<Input> request(int line, String value) {
        InputSource source = SOURCES[line % SOURCES.length];
        String name = source == InputSource.JSON ? "$.filter.name" : "p" + line;
        return List.of(
                Input.value(InputSource.QUERY, "page", "1"),
                Input.key(InputSource.QUERY, "page"),
                Input.value(InputSource.HEADER, "Accept", "application/json"),
                Input.value(InputSource.COOKIE, "lang", "en"),
                Input.value(source, name, value));
    }

    @Test
    void corporaAreAsLargeAsPromised() {
        assertThat(Corpus.load("sql-attacks.txt")).hasSizeGreaterThanOrEqualTo(150);
        assertThat(Corpus.load("shell-attacks.txt")).hasSizeGreaterThanOrEqualTo(60);
        assertThat(Corpus.load("benign.txt")).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void everySqlAttackIsFoundInEveryDialect() {
        List<String> missed = new ArrayList<>();
        int checks = 0;
        for (Corpus.Case c : Corpus.load("sql-attacks.txt")) {
            for (SqlDialect dialect : dialects(c.dialect())) {
                String sql = VulnerableApp.sql(c.context(), c.value());
                Finding finding = engine.checkSql(sql, dialect, request(c.line(), c.value()));
                checks++;
                if (finding == null || !finding.input().value().equals(c.value())) {
                    missed.add(dialect + " " + c + " -> " + finding);
                }
            }
        }
        assertThat(missed).isEmpty();
        assertThat(checks).isGreaterThanOrEqualTo(150 * 6);
    }

    @Test
    void everyShellAttackIsFound() {
        List<String> missed = new ArrayList<>();
        for (Corpus.Case c : Corpus.load("shell-attacks.txt")) {
            String[] argv = VulnerableApp.command(c.context(), c.value());
            Finding finding = engine.checkCommand(argv, request(c.line(), c.value()));
            if (finding == null || !finding.input().value().equals(c.value())) {
                missed.add(c + " -> " + finding);
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void noBenignValueIsBlockedAnywhere() {
        List<String> blocked = new ArrayList<>();
        int checks = 0;
        for (Corpus.Case c : Corpus.load("benign.txt")) {
            List<Input> inputs = request(c.line(), c.value());
            for (String context : sqlContexts(c)) {
                for (SqlDialect dialect : SqlDialect.values()) {
                    Finding finding = engine.checkSql(VulnerableApp.sql(context, c.value()), dialect, inputs);
                    checks++;
                    if (finding != null) {
                        blocked.add(dialect + " " + context + " " + c + " -> " + finding);
                    }
                }
            }
            for (String context : commandContexts(c)) {
                Finding finding = engine.checkCommand(VulnerableApp.command(context, c.value()), inputs);
                checks++;
                if (finding != null) {
                    blocked.add(context + " " + c + " -> " + finding);
                }
            }
        }
        assertThat(blocked).isEmpty();
        assertThat(checks).isGreaterThan(300 * 8);
    }

    private static List<SqlDialect> dialects(String only) {
        return only == null ? List.of(SqlDialect.values())
                : List.of(SqlDialect.valueOf(only.toUpperCase(Locale.ROOT)));
    }

    private static List<String> sqlContexts(Corpus.Case c) {
        List<String> contexts = new ArrayList<>();
        contexts.add("bound");
        switch (c.context()) {
            case "number" -> {
                contexts.add("numeric");
                addStringContexts(c.value(), contexts);
            }
            case "list" -> contexts.add("inlist");
            case "column" -> {
                contexts.add("orderby");
                addStringContexts(c.value(), contexts);
            }
            case "text" -> addStringContexts(c.value(), contexts);
            case "bound" -> { }
            default -> throw new IllegalArgumentException(c.toString());
        }
        return contexts;
    }

    private static void addStringContexts(String value, List<String> contexts) {
        if (value.indexOf('\'') < 0) {
            contexts.addAll(VulnerableApp.SQL_STRING_CONTEXTS);
        }
    }

    private static List<String> commandContexts(Corpus.Case c) {
        List<String> contexts = new ArrayList<>();
        String v = c.value();
        if (v.startsWith("-")) {
            return contexts; // an option wherever a program parses it
        }
        contexts.add("argv");
        if (c.context().equals("list") || c.context().equals("bound")) {
            return contexts;
        }
        if (v.indexOf('\'') < 0) {
            contexts.add("sh-sq");
        }
        if (v.chars().noneMatch(ch -> ch == '"' || ch == '$' || ch == '`' || ch == '\\')) {
            contexts.add("sh-dq");
        }
        return contexts;
    }
}
