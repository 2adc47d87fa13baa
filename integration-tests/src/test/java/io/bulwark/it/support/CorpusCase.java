package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the engine's injection corpora ({@code policies/src/test/resources/injection/*.txt}):
 * {@code CONTEXT[@DIALECT]|VALUE}, {@code #} comments, escapes {@code \n \r \t \\ \\uXXXX} in the value. The
 * integration tests read the same files as the engine's unit tests, so a case added there is sent through the demo
 * too.
 */
public record CorpusCase(String file, int line, String context, String dialect, String value) {

    /** Every case of a corpus file, read from the directory failsafe names in {@code bulwark.injection.corpora}. */
    public static List<CorpusCase> load(String file) {
        String dir = System.getProperty("bulwark.injection.corpora");
        if (dir == null) {
            throw new IllegalStateException("system property bulwark.injection.corpora is not set: run through"
                + " failsafe (mvn -pl integration-tests -am verify)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(dir, file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusCase> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw new IllegalStateException(file + ":" + (i + 1) + " has no '|': " + line);
            }
            String context = line.substring(0, bar);
            String dialect = null;
            int at = context.indexOf('@');
            if (at > 0) {
                dialect = context.substring(at + 1);
                context = context.substring(0, at);
            }
            cases.add(new CorpusCase(file, i + 1, context, dialect, unescape(line.substring(bar + 1))));
        }
        return cases;
    }

    /** Same rules as the engine's corpus reader: any other backslash stays as written. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(i + 1);
            switch (next) {
                case 'n' -> { out.append('\n'); i++; }
                case 'r' -> { out.append('\r'); i++; }
                case 't' -> { out.append('\t'); i++; }
                case '\\' -> { out.append('\\'); i++; }
                case 'u' -> {
                    if (isHex(s, i + 2, i + 6)) {
                        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                        i += 5;
                    } else {
                        out.append(c);
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code sql-attacks.txt:17 numeric|1 OR 1=1}, with control and non-ASCII characters escaped for reading. */
    @Override
    public String toString() {
        return file + ":" + line + " " + context + (dialect == null ? "" : "@" + dialect) + "|" + Probe.printable(value);
    }
}
