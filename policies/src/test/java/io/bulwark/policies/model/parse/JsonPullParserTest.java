package io.bulwark.policies.model.parse;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy's own JSON reader: strict RFC 8259, exact positions, bounded on hostile input. */
class JsonPullParserTest {

    /** Every token as "TOKEN@line:column" (plus its text for strings, names and numbers), until the root ends. */
    private static List<String> tokens(String json) throws JsonPullParser.SyntaxError {
        JsonPullParser parser = new JsonPullParser(json);
        List<String> out = new ArrayList<>();
        for (JsonPullParser.Token t = parser.next(); t != null; t = parser.next()) {
            Position p = parser.tokenPosition();
            String value = switch (t) {
                case STRING, FIELD_NAME -> "=" + parser.string();
                case INTEGER, DECIMAL -> "=" + parser.number().toPlainString();
                default -> "";
            };
            out.add(t + value + "@" + p.line() + ":" + p.column());
        }
        return out;
    }

    private static JsonPullParser.SyntaxError error(String json) {
        JsonPullParser parser = new JsonPullParser(json);
        try {
            while (parser.next() != null) {
                // read to the end or the first error
            }
        } catch (JsonPullParser.SyntaxError e) {
            return e;
        }
        throw new AssertionError("expected a syntax error in " + json);
    }

    private static String at(JsonPullParser.SyntaxError e) {
        return e.position().line() + ":" + e.position().column() + " " + e.getMessage();
    }

    @Test
    void tokensCarryWhereTheyStart() throws Exception {
        assertThat(tokens("{\n  \"a\": [1, -2.5e3, true],\r\n\t\"b\": {\"c\": null, \"d\": false}\r}")).containsExactly(
                "START_OBJECT@1:1", "FIELD_NAME=a@2:3", "START_ARRAY@2:8", "INTEGER=1@2:9", "DECIMAL=-2500@2:12",
                "TRUE@2:20", "END_ARRAY@2:24", "FIELD_NAME=b@3:2", "START_OBJECT@3:7", "FIELD_NAME=c@3:8",
                "NULL@3:13", "FIELD_NAME=d@3:19", "FALSE@3:24", "END_OBJECT@3:29", "END_OBJECT@4:1");
    }

    @Test
    void escapesAreResolved() throws Exception {
        assertThat(tokens("[\"q\\\"b\\\\s\\/n\\n t\\t u\\u00e9\\u20AC\"]"))
                .containsExactly("START_ARRAY@1:1", "STRING=q\"b\\s/n\n t\t u\u00e9\u20ac@1:2", "END_ARRAY@1:34");
    }

    @Test
    void numbersKeepTheirExactValueAndWhetherTheyAreWhole() throws Exception {
        JsonPullParser parser = new JsonPullParser("[0, 12345678901234567890, 0.1, 1E2]");
        parser.next();
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.INTEGER);
        assertThat(parser.number()).isEqualTo(BigDecimal.ZERO);
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.INTEGER);
        assertThat(parser.number()).isEqualTo(new BigDecimal("12345678901234567890"));
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.DECIMAL);
        assertThat(parser.number()).isEqualTo(new BigDecimal("0.1"));
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.DECIMAL);
        assertThat(parser.number()).isEqualByComparingTo("100");
    }

    @Test
    void nonStandardJsonIsRefusedAtTheOffendingCharacter() {
        assertThat(at(error("{\"a\": 1,}"))).isEqualTo("1:9 Unexpected character ('}' (code 125)): was expecting "
                + "double-quote to start field name");
        assertThat(at(error("[1,]"))).startsWith("1:4 Unexpected character (']' (code 93)): expected a valid value");
        assertThat(at(error("{'a': 1}"))).startsWith("1:2 Unexpected character (''' (code 39))");
        assertThat(at(error("{\"a\": 1 // note\n}"))).startsWith("1:9 Unexpected character ('/' (code 47))");
        assertThat(at(error("[/* c */ 1]"))).isEqualTo("1:2 Unexpected character ('/' (code 47)): comments are not "
                + "allowed in JSON");
        assertThat(at(error("[NaN]"))).startsWith("1:2 Unrecognized token 'NaN'");
        assertThat(at(error("[truex]"))).startsWith("1:2 Unrecognized token 'truex'");
        assertThat(at(error("[01]"))).isEqualTo("1:3 Invalid numeric value: Leading zeroes not allowed");
        assertThat(at(error("[1.]"))).startsWith("1:4 Unexpected character (']' (code 93)): Decimal point");
        assertThat(at(error("[-]"))).startsWith("1:3 Unexpected character (']'");
        assertThat(at(error("[+1]"))).startsWith("1:2 Unexpected character ('+' (code 43))");
        assertThat(at(error("[1 2]"))).startsWith("1:4 Unexpected character ('2' (code 50)): was expecting comma");
        assertThat(at(error("{\"a\" 1}"))).startsWith("1:6 Unexpected character ('1' (code 49)): was expecting a "
                + "colon");
        assertThat(at(error("[\"a\nb\"]"))).startsWith("1:4 Unexpected character ((CTRL-CHAR, code 10)): control");
        assertThat(at(error("[\"\\x\"]"))).startsWith("1:4 Unexpected character ('x' (code 120)): Unrecognized "
                + "character escape");
        assertThat(at(error("[\"\\u12G4\"]"))).startsWith("1:7 Unexpected character ('G'");
    }

    @Test
    void inputThatStopsEarlyNamesWhatWasOpen() {
        assertThat(at(error("{\"a\": [1,\n"))).isEqualTo("2:1 Unexpected end-of-input: expected close marker for "
                + "Array");
        assertThat(at(error("{\"a\": 1"))).isEqualTo("1:8 Unexpected end-of-input: expected close marker for Object");
        assertThat(at(error("{\"a\": \"open"))).startsWith("1:12 Unexpected end-of-input");
        assertThat(at(error("{\"a\":"))).startsWith("1:6 Unexpected end-of-input");
    }

    @Test
    void trailingContentIsFoundAfterTheRoot() throws Exception {
        JsonPullParser parser = new JsonPullParser("{} \n {}");
        parser.next();
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.END_OBJECT);
        assertThat(parser.next()).isNull();
        assertThat(parser.atEnd()).isFalse();
        assertThat(parser.tokenPosition()).isEqualTo(new Position(2, 2));
        JsonPullParser clean = new JsonPullParser("{}\n");
        clean.next();
        clean.next();
        assertThat(clean.next()).isNull();
        assertThat(clean.atEnd()).isTrue();
    }

    @Test
    void hostileNestingAndNumbersAreBounded() {
        String deep = "[".repeat(200_000);
        assertThat(at(error(deep))).isEqualTo("1:1001 nested deeper than 1000 levels");
        String longNumber = "[" + "9".repeat(JsonPullParser.MAX_NUMBER_LENGTH + 1) + "]";
        assertThat(error(longNumber).getMessage()).startsWith("Number value length exceeds the maximum allowed");
        assertThat(error("[1e99999999999]").getMessage()).startsWith("Number out of range");
    }

    @Test
    void skippingChildrenStillChecksTheirSyntax() throws Exception {
        JsonPullParser parser = new JsonPullParser("[{\"a\": [1, {\"b\": 2}]}, 3]");
        parser.next();
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.START_OBJECT);
        parser.skipChildren();
        assertThat(parser.next()).isEqualTo(JsonPullParser.Token.INTEGER);
        assertThat(parser.number()).isEqualTo(BigDecimal.valueOf(3));

        JsonPullParser broken = new JsonPullParser("[{\"a\": [1,, 2]}]");
        assertThatThrownBy(() -> {
            broken.next();
            broken.next();
            broken.skipChildren();
        }).isInstanceOf(JsonPullParser.SyntaxError.class).hasMessageContaining("expected a valid value");
    }

    @Test
    void policyReaderReportsDeepNestingAndGoesOnReading() {
        String deep = "{\"version\": 1, \"routes\": " + "[".repeat(40) + "]".repeat(40) + ", \"mode\": \"block\", "
                + "\"mode\": \"off\"}";
        PolicyParseResult result = PolicyParser.parse(deep, "p.json");
        assertThat(result.errors()).extracting(PolicyError::toString).containsExactly(
                "p.json:1:58: routes[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                        + "[0][0][0][0][0][0]: nested deeper than 32 levels",
                "p.json:1:125: mode: duplicate key; first set at line 1, column 108");
    }
}
