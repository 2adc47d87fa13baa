package io.bulwark.policies.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the supported regular-expression subset into {@link RegexNode}s, refusing, with the position, anything
 * the linear-time matcher cannot honour. Syntax follows {@code java.util.regex} where both accept a pattern, so a
 * policy author's expectations carry over; {@code \d \w \s} are ASCII, as in Java's default.
 */
final class PatternParser {

    static final int MAX_PATTERN_LENGTH = 1_000;
    static final int MAX_REPEAT = 1_000;
    private static final int MAX_NESTING = 100;

    private static final int[] DIGIT = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    private static final int[] SPACE = {'\t', '\r', ' ', ' '}; // tab, LF, VT, FF, CR are contiguous
    private static final int[] LINE_BREAKS = {'\n', '\n', '\r', '\r'};

    private static final Map<String, Integer> CATEGORIES = categories();

    private final String pattern;
    private int pos;
    private int depth;

    private PatternParser(String pattern) {
        this.pattern = pattern;
    }

    static RegexNode parse(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new PatternCompileException(pattern.substring(0, 40) + "...", MAX_PATTERN_LENGTH,
                    "longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        PatternParser parser = new PatternParser(pattern);
        RegexNode node = parser.alternation();
        if (parser.pos < pattern.length()) {
            throw parser.error("unbalanced ')'");
        }
        return node;
    }

    private RegexNode alternation() {
        List<RegexNode> options = new ArrayList<>();
        options.add(concatenation());
        while (peek() == '|') {
            pos++;
            options.add(concatenation());
        }
        return options.size() == 1 ? options.get(0) : new RegexNode.Alternation(List.copyOf(options));
    }

    private RegexNode concatenation() {
        List<RegexNode> items = new ArrayList<>();
        while (pos < pattern.length() && peek() != '|' && peek() != ')') {
            items.add(quantified(atom()));
        }
        if (items.isEmpty()) {
            return new RegexNode.Empty();
        }
        return items.size() == 1 ? items.get(0) : new RegexNode.Concat(List.copyOf(items));
    }

    private RegexNode quantified(RegexNode atom) {
        RegexNode node = atom;
        boolean quantified = false;
        while (pos < pattern.length()) {
            int start = pos;
            int c = peek();
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{') {
                int[] bounds = braces();
                min = bounds[0];
                max = bounds[1];
            } else {
                break;
            }
            if (quantified) {
                throw errorAt(start, "a quantifier cannot follow another quantifier; use a group");
            }
            if (atom instanceof RegexNode.Begin || atom instanceof RegexNode.End) {
                throw errorAt(start, "an anchor cannot be repeated");
            }
            quantified = true;
            if (peek() == '?') {
                // Lazy and greedy agree on whether the whole input matches, which is all validation asks.
                pos++;
            } else if (peek() == '+') {
                throw error("possessive quantifiers are not supported");
            }
            node = new RegexNode.Repeat(node, min, max);
        }
        return node;
    }

    private int[] braces() {
        int start = pos;
        pos++; // '{'
        int min = number(start);
        int max = min;
        if (peek() == ',') {
            pos++;
            max = peek() == '}' ? -1 : number(start);
        }
        if (peek() != '}') {
            throw errorAt(start, "malformed repetition; a literal '{' must be escaped as \\{");
        }
        pos++;
        if (max >= 0 && max < min) {
            throw errorAt(start, "repetition {" + min + "," + max + "} has its maximum below its minimum");
        }
        return new int[]{min, max};
    }

    private int number(int braceAt) {
        int begin = pos;
        long value = 0;
        while (pos < pattern.length() && pattern.charAt(pos) >= '0' && pattern.charAt(pos) <= '9') {
            value = Math.min(value * 10 + (pattern.charAt(pos) - '0'), Integer.MAX_VALUE);
            pos++;
        }
        if (pos == begin) {
            throw errorAt(braceAt, "malformed repetition; a literal '{' must be escaped as \\{");
        }
        if (value > MAX_REPEAT) {
            throw errorAt(begin, "repetition count " + value + " is above the limit of " + MAX_REPEAT);
        }
        return (int) value;
    }

    private RegexNode atom() {
        int c = peek();
        switch (c) {
            case '(':
                return group();
            case '[':
                return charClass();
            case '.':
                pos++;
                return new RegexNode.Chars(new CodePointSet.Builder().addComplementOf(LINE_BREAKS).build(false));
            case '^':
                pos++;
                return new RegexNode.Begin();
            case '$':
                pos++;
                return new RegexNode.End();
            case '\\':
                return escapeOutsideClass();
            case '*':
            case '+':
            case '?':
                throw error("nothing to repeat before '" + (char) c + "'");
            case '{':
                throw error("nothing to repeat before '{'; a literal '{' must be escaped as \\{");
            default:
                pos += Character.charCount(c);
                return new RegexNode.Chars(CodePointSet.of(c));
        }
    }

    private RegexNode group() {
        int start = pos;
        pos++; // '('
        if (peek() == '?') {
            pos++;
            int kind = peek();
            if (kind == ':') {
                pos++;
            } else if (kind == '=' || kind == '!') {
                throw errorAt(start, "lookahead is not supported (it cannot run in linear time here)");
            } else if (kind == '<' && (peekAt(pos + 1) == '=' || peekAt(pos + 1) == '!')) {
                throw errorAt(start, "lookbehind is not supported (it cannot run in linear time here)");
            } else if (kind == '<') {
                pos++;
                while (pos < pattern.length() && Character.isLetterOrDigit(peek())) {
                    pos++;
                }
                if (peek() != '>') {
                    throw errorAt(start, "malformed named group");
                }
                pos++;
            } else if (kind == '>') {
                throw errorAt(start, "atomic groups are not supported");
            } else {
                throw errorAt(start, "inline flags and other (?...) constructs are not supported");
            }
        }
        if (++depth > MAX_NESTING) {
            throw errorAt(start, "groups nested deeper than " + MAX_NESTING);
        }
        RegexNode inner = alternation();
        depth--;
        if (peek() != ')') {
            throw errorAt(start, "unclosed group");
        }
        pos++;
        return inner;
    }

    private RegexNode escapeOutsideClass() {
        int start = pos;
        pos++; // '\'
        if (pos >= pattern.length()) {
            throw errorAt(start, "trailing backslash");
        }
        int c = peek();
        switch (c) {
            case 'A':
                pos++;
                return new RegexNode.Begin();
            case 'z':
                pos++;
                return new RegexNode.End();
            case 'b':
            case 'B':
                throw errorAt(start, "word boundaries (\\b, \\B) are not supported");
            case 'k':
                throw errorAt(start, "backreferences are not supported (they cannot run in linear time)");
            default:
                if (c >= '1' && c <= '9') {
                    throw errorAt(start, "backreferences are not supported (they cannot run in linear time)");
                }
                CodePointSet.Builder builder = new CodePointSet.Builder();
                pos = start;
                classEscape(builder);
                return new RegexNode.Chars(builder.build(false));
        }
    }

    /** Parses one escape at {@code pos} (the backslash) into the builder; returns the code point if it is one. */
    private int classEscape(CodePointSet.Builder builder) {
        int start = pos;
        pos++; // '\'
        if (pos >= pattern.length()) {
            throw errorAt(start, "trailing backslash");
        }
        int c = peek();
        pos += Character.charCount(c);
        switch (c) {
            case 'd':
                builder.add(DIGIT[0], DIGIT[1]);
                return -1;
            case 'D':
                builder.addComplementOf(DIGIT);
                return -1;
            case 'w':
                addAll(builder, WORD);
                return -1;
            case 'W':
                builder.addComplementOf(WORD);
                return -1;
            case 's':
                addAll(builder, SPACE);
                return -1;
            case 'S':
                builder.addComplementOf(SPACE);
                return -1;
            case 'p':
                builder.addCategories(category(start));
                return -1;
            case 'P':
                builder.addCategories(~category(start) & CodePointSet.ALL_CATEGORIES);
                return -1;
            case 't':
                return literal(builder, '\t');
            case 'n':
                return literal(builder, '\n');
            case 'r':
                return literal(builder, '\r');
            case 'f':
                return literal(builder, '\f');
            case 'e':
                return literal(builder, 0x1B);
            case 'x':
                return literal(builder, hex(start));
            case 'u':
                return literal(builder, fixedHex(start, 4));
            default:
                if (c < 128 && !Character.isLetterOrDigit(c)) {
                    return literal(builder, c);
                }
                throw errorAt(start, "unsupported escape \\" + new String(Character.toChars(c)));
        }
    }

    private static int literal(CodePointSet.Builder builder, int cp) {
        builder.add(cp, cp);
        return cp;
    }

    private static void addAll(CodePointSet.Builder builder, int[] ranges) {
        for (int i = 0; i < ranges.length; i += 2) {
            builder.add(ranges[i], ranges[i + 1]);
        }
    }

    private int category(int start) {
        if (peek() != '{') {
            throw errorAt(start, "expected {Category} after \\p");
        }
        int close = pattern.indexOf('}', pos);
        if (close < 0) {
            throw errorAt(start, "unclosed \\p{...}");
        }
        String name = pattern.substring(pos + 1, close);
        Integer mask = CATEGORIES.get(name);
        if (mask == null) {
            throw errorAt(start, "unsupported Unicode category \\p{" + name
                    + "}; supported: general categories such as L, Lu, Ll, N, Nd, P, S, Z, C");
        }
        pos = close + 1;
        return mask;
    }

    private int hex(int start) {
        if (peek() == '{') {
            int close = pattern.indexOf('}', pos);
            if (close < 0 || close == pos + 1 || close - pos - 1 > 6) {
                throw errorAt(start, "malformed \\x{...}");
            }
            int cp = parseHex(start, pattern.substring(pos + 1, close));
            pos = close + 1;
            if (cp > Character.MAX_CODE_POINT) {
                throw errorAt(start, "code point above U+10FFFF");
            }
            return cp;
        }
        return fixedHex(start, 2);
    }

    private int fixedHex(int start, int digits) {
        if (pos + digits > pattern.length()) {
            throw errorAt(start, "expected " + digits + " hex digits");
        }
        int cp = parseHex(start, pattern.substring(pos, pos + digits));
        pos += digits;
        return cp;
    }

    private int parseHex(int start, String digits) {
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                throw errorAt(start, "expected hex digits");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private RegexNode charClass() {
        int start = pos;
        pos++; // '['
        boolean negated = false;
        if (peek() == '^') {
            negated = true;
            pos++;
        }
        CodePointSet.Builder builder = new CodePointSet.Builder();
        boolean first = true;
        while (true) {
            if (pos >= pattern.length()) {
                throw errorAt(start, "unclosed character class");
            }
            int c = peek();
            if (c == ']' && !first) {
                pos++;
                break;
            }
            if (c == '[') {
                throw error("nested classes and set operations are not supported; escape a literal '[' as \\[");
            }
            if (c == '&' && peekAt(pos + 1) == '&') {
                throw error("class intersection (&&) is not supported");
            }
            first = false;
            int itemStart = pos;
            int lo = classAtom(builder);
            if (peek() == '-' && peekAt(pos + 1) != ']' && pos + 1 < pattern.length()) {
                int dash = pos;
                pos++;
                if (lo < 0) {
                    throw errorAt(itemStart, "a range cannot start with a class escape");
                }
                int hi = classAtom(new CodePointSet.Builder());
                if (hi < 0) {
                    throw errorAt(dash, "a range cannot end with a class escape");
                }
                if (hi < lo) {
                    throw errorAt(itemStart, "range out of order");
                }
                builder.add(lo, hi);
            } else if (lo >= 0) {
                builder.add(lo, lo);
            }
        }
        return new RegexNode.Chars(builder.build(negated));
    }

    /**
     * A literal code point (returned; the caller adds it, possibly as a range end) or a class escape such as
     * {@code \d} (added to the builder; returns -1). An escaped literal is added too, which a range covers anyway.
     */
    private int classAtom(CodePointSet.Builder builder) {
        int c = peek();
        if (c == '\\') {
            return classEscape(builder);
        }
        pos += Character.charCount(c);
        return c;
    }

    private int peek() {
        return pos < pattern.length() ? pattern.codePointAt(pos) : -1;
    }

    private int peekAt(int index) {
        return index < pattern.length() ? pattern.charAt(index) : -1;
    }

    private PatternCompileException error(String reason) {
        return errorAt(pos, reason);
    }

    private PatternCompileException errorAt(int position, String reason) {
        return new PatternCompileException(pattern, position, reason);
    }

    private static Map<String, Integer> categories() {
        Map<String, Integer> m = new java.util.HashMap<>();
        m.put("Lu", bit(Character.UPPERCASE_LETTER));
        m.put("Ll", bit(Character.LOWERCASE_LETTER));
        m.put("Lt", bit(Character.TITLECASE_LETTER));
        m.put("Lm", bit(Character.MODIFIER_LETTER));
        m.put("Lo", bit(Character.OTHER_LETTER));
        m.put("Mn", bit(Character.NON_SPACING_MARK));
        m.put("Mc", bit(Character.COMBINING_SPACING_MARK));
        m.put("Me", bit(Character.ENCLOSING_MARK));
        m.put("Nd", bit(Character.DECIMAL_DIGIT_NUMBER));
        m.put("Nl", bit(Character.LETTER_NUMBER));
        m.put("No", bit(Character.OTHER_NUMBER));
        m.put("Pc", bit(Character.CONNECTOR_PUNCTUATION));
        m.put("Pd", bit(Character.DASH_PUNCTUATION));
        m.put("Ps", bit(Character.START_PUNCTUATION));
        m.put("Pe", bit(Character.END_PUNCTUATION));
        m.put("Pi", bit(Character.INITIAL_QUOTE_PUNCTUATION));
        m.put("Pf", bit(Character.FINAL_QUOTE_PUNCTUATION));
        m.put("Po", bit(Character.OTHER_PUNCTUATION));
        m.put("Sm", bit(Character.MATH_SYMBOL));
        m.put("Sc", bit(Character.CURRENCY_SYMBOL));
        m.put("Sk", bit(Character.MODIFIER_SYMBOL));
        m.put("So", bit(Character.OTHER_SYMBOL));
        m.put("Zs", bit(Character.SPACE_SEPARATOR));
        m.put("Zl", bit(Character.LINE_SEPARATOR));
        m.put("Zp", bit(Character.PARAGRAPH_SEPARATOR));
        m.put("Cc", bit(Character.CONTROL));
        m.put("Cf", bit(Character.FORMAT));
        m.put("Cs", bit(Character.SURROGATE));
        m.put("Co", bit(Character.PRIVATE_USE));
        m.put("Cn", bit(Character.UNASSIGNED));
        for (String major : new String[]{"L", "M", "N", "P", "S", "Z", "C"}) {
            int mask = 0;
            for (Map.Entry<String, Integer> e : Map.copyOf(m).entrySet()) {
                if (e.getKey().length() == 2 && e.getKey().charAt(0) == major.charAt(0)) {
                    mask |= e.getValue();
                }
            }
            m.put(major, mask);
        }
        return Map.copyOf(m);
    }

    private static int bit(byte type) {
        return 1 << type;
    }
}
