package io.bulwark.policies.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a corpus file: {@code CONTEXT|VALUE} per line, {@code #} comments, Java-like escapes in the value. */
final class Corpus {
    record Case(int line, String context, String dialect, String value) {
        @Override
        public String toString() {
            return "line " + line + " " + context + (dialect == null ? "" : "@" + dialect) + "|" + value;
        }
    }

    private Corpus() {
    }

    static List<Case> load(String resource) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream("/injection/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                String context = line.substring(0, bar);
                String dialect = null;
                int at = context.indexOf('@');
                if (at > 0) {
                    dialect = context.substring(at + 1);
                    context = context.substring(0, at);
                }
                cases.add(new Case(number, context, dialect, unescape(line.substring(bar + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** {@code \n \r \t \\ \\uXXXX}; any other backslash stays as written. */
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
                    if (i + 5 < s.length() + 0 && isHex(s, i + 2, i + 6)) {
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
}
