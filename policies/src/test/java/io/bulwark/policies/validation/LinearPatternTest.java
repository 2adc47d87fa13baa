package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearPatternTest {

    @ParameterizedTest(name = "{0} ~ \"{1}\" -> {2}")
    @CsvSource(delimiter = '→', quoteCharacter = '\'', textBlock = """
            abc  →  abc  →  true
            abc  →  abcd  →  false
            abc  →  ab  →  false
            ''  →  ''  →  true
            ''  →  a  →  false
            a.c  →  a-c  →  true
            a.c  →  'a\\nc'  →  false
            [a-z0-9_-]+  →  ab_9-z  →  true
            [a-z0-9_-]+  →  ab.9  →  false
            [^a-z]+  →  ABC1  →  true
            [^a-z]+  →  ABc  →  false
            []a]+  →  ]a]  →  true
            [a-]+  →  a-a  →  true
            [\\]\\\\]+  →  ']\\'  →  true
            \\d{3}-\\d{4}  →  555-1234  →  true
            \\d{3}-\\d{4}  →  555-12345  →  false
            \\d{2,}  →  1  →  false
            \\d{2,}  →  123456  →  true
            \\d{2,3}  →  1234  →  false
            \\d{2,3}  →  123  →  true
            \\D+  →  abc  →  true
            \\D+  →  ab1  →  false
            \\w+  →  Ab_9  →  true
            \\w+  →  é  →  false
            \\W  →  é  →  true
            \\s\\S  →  ' x'  →  true
            \\S  →  ' '  →  false
            [\\d\\s]+  →  '1 2 3'  →  true
            cat|dog  →  dog  →  true
            cat|dog  →  cow  →  false
            (?:ab)+  →  ababab  →  true
            (?:ab)+  →  ababa  →  false
            (ab|cd)*e  →  abcdabe  →  true
            (ab|cd)*e  →  e  →  true
            colou?r  →  color  →  true
            colou?r  →  colouur  →  false
            ^abc$  →  abc  →  true
            a|^b  →  b  →  true
            a$b  →  ab  →  false
            \\Aab\\z  →  ab  →  true
            a+?  →  aaa  →  true
            (?<year>\\d{4})-\\d{2}  →  2024-05  →  true
            \\p{L}+  →  Ünïcödé  →  true
            \\p{Lu}\\p{Ll}+  →  Élan  →  true
            \\P{L}+  →  123!  →  true
            [\\p{L}\\d ]+  →  'Zoë 42'  →  true
            \\x41\\u0042\\x{1F600}  →  AB😀  →  true
            .  →  😀  →  true
            [😀-😂]  →  😁  →  true
            ..  →  😀  →  false
            a{0}  →  ''  →  true
            (a*)*b  →  aaab  →  true
            (|a)+  →  aa  →  true
            \\.\\*\\+\\?\\(\\)  →  .*+?()  →  true
            a\\{2}  →  a{2}  →  true
            [.]  →  x  →  false
            """)
    void matchesAsAFullMatch(String pattern, String input, boolean expected) {
        String value = input.replace("\\n", "\n");
        assertThat(LinearPattern.compile(pattern).matches(value)).isEqualTo(expected);
    }

    @Test
    void dollarDoesNotMatchBeforeATrailingNewline() {
        // java.util.regex's $ would accept "ok\n" here; a header or value checked with ^ok$ must not.
        assertThat(LinearPattern.compile("^ok$").matches("ok\n")).isFalse();
        assertThat(LinearPattern.compile(".*").matches("line\r")).isFalse();
    }

    @ParameterizedTest(name = "{0} refused at {1}")
    @CsvSource(delimiter = '→', textBlock = """
            (a)\\1  →  3  →  backreferences
            (?<n>a)\\k<n>  →  7  →  backreferences
            a(?=b)  →  1  →  lookahead
            a(?!b)  →  1  →  lookahead
            (?<=a)b  →  0  →  lookbehind
            (?<!a)b  →  0  →  lookbehind
            (?>a+)  →  0  →  atomic
            a*+  →  2  →  possessive
            a++  →  2  →  possessive
            \\bword  →  0  →  word boundaries
            (?i)abc  →  0  →  inline flags
            [a[b]]  →  2  →  nested classes
            [a&&b]  →  2  →  intersection
            *a  →  0  →  nothing to repeat
            a**  →  2  →  cannot follow another quantifier
            a{2  →  1  →  malformed repetition
            a{3,2}  →  1  →  maximum below its minimum
            a{1001}  →  2  →  above the limit
            (ab  →  0  →  unclosed group
            ab)  →  2  →  unbalanced
            [ab  →  0  →  unclosed character class
            [z-a]  →  1  →  out of order
            ab\\  →  2  →  trailing backslash
            \\p{Greek}  →  0  →  unsupported Unicode category
            \\Z  →  0  →  unsupported escape
            ^*  →  1  →  anchor cannot be repeated
            """)
    void refusesWhatItCannotRunInLinearTimeNamingThePosition(String pattern, int position, String reason) {
        assertThatThrownBy(() -> LinearPattern.compile(pattern))
                .isInstanceOf(PatternCompileException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("position " + position)
                .satisfies(e -> assertThat(((PatternCompileException) e).position()).isEqualTo(position));
    }

    @Test
    void refusesProgramsThatExpandPastTheCap() {
        assertThatThrownBy(() -> LinearPattern.compile("(a{1000}){1000}"))
                .isInstanceOf(PatternCompileException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> LinearPattern.compile("a".repeat(1001)))
                .isInstanceOf(PatternCompileException.class)
                .hasMessageContaining("longer than");
    }

    /*
     * The classic ReDoS shapes. With java.util.regex, Pattern.compile("(a+)+$").matcher("a".repeat(30) + "!").find()
     * takes on the order of 2^30 backtracking steps (many seconds; each extra 'a' doubles it). Here the step count
     * must grow linearly: doubling the input at most doubles the steps (plus a constant), and stays within
     * programSize × input length.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '→', textBlock = """
            (a+)+$  →  a  →  !
            (a|a)*$  →  a  →  !
            (a|aa)+$  →  a  →  !
            (a*)*b  →  a  →  c
            ^(\\w+\\s?)*$  →  a  →  !
            (x+x+)+y  →  x  →  z
            ([a-z]+)*[0-9]  →  a  →  _
            (.*a){20}  →  a  →  b
            """)
    void stepsGrowLinearlyOnCraftedWorstCases(String pattern, String unit, String tail) {
        LinearPattern p = LinearPattern.compile(pattern);
        String small = unit.repeat(1_000) + tail;
        String large = unit.repeat(2_000) + tail;
        String huge = unit.repeat(100_000) + tail;

        assertThat(p.matches(small)).isFalse();
        long stepsSmall = p.steps(small);
        long stepsLarge = p.steps(large);
        long stepsHuge = p.steps(huge);

        int programSize = p.programSize();
        double perCodePointSmall = (double) stepsSmall / small.length();
        double perCodePointHuge = (double) stepsHuge / huge.length();
        assertThat(stepsLarge).isLessThanOrEqualTo((long) (2.1 * stepsSmall));
        assertThat(perCodePointHuge).isLessThanOrEqualTo(perCodePointSmall * 1.05);
        assertThat(stepsHuge).isLessThanOrEqualTo(4L * programSize * huge.length());
    }

    @Test
    void boundedRepetitionKeepsOneCopyLive() {
        // {m,n} compiles nested, so the work per code point does not grow with n.
        LinearPattern p = LinearPattern.compile("[a-z][a-z0-9-]{2,300}");
        String value = "a".repeat(200);
        assertThat(p.matches(value)).isTrue();
        assertThat(p.steps(value)).isLessThan(8L * value.length());
    }

    @Test
    void aFailingPrefixStopsTheScanEarly() {
        LinearPattern p = LinearPattern.compile("[0-9]+");
        assertThat(p.steps("x" + "1".repeat(100_000))).isLessThan(10);
    }
}
