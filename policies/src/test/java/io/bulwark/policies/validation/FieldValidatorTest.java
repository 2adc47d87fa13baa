package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> rules(String value, FieldRule rule) {
        return FieldValidator.check("query", "f", value, rule).stream().map(Violation::rule).toList();
    }

    private static List<String> jsonRules(String json, FieldRule rule) throws Exception {
        JsonNode node = json == null ? null : JSON.readTree(json);
        return FieldValidator.check("json", "$.f", node, rule).stream().map(Violation::rule).toList();
    }

    @Test
    void integerBoundsAreInclusive() {
        FieldRule rule = FieldRule.of(FieldType.INTEGER).withMin(1).withMax(100);
        assertThat(rules("1", rule)).isEmpty();
        assertThat(rules("100", rule)).isEmpty();
        assertThat(rules("0", rule)).containsExactly("min");
        assertThat(rules("101", rule)).containsExactly("max");
        assertThat(rules("-9223372036854775808", rule)).containsExactly("min");
        assertThat(rules("9223372036854775808", rule)).containsExactly("type");
    }

    @Test
    void numberBoundsCompareExactly() {
        FieldRule rule = FieldRule.of(FieldType.NUMBER).withMin(new BigDecimal("0.1")).withMax(new BigDecimal("1e2"));
        assertThat(rules("0.1", rule)).isEmpty();
        assertThat(rules("0.10000000000000000001", rule)).isEmpty();
        assertThat(rules("0.09999999999999999999", rule)).containsExactly("min");
        assertThat(rules("100.0", rule)).isEmpty();
        assertThat(rules("1.00000000001e2", rule)).containsExactly("max");
        assertThat(rules("NaN", rule)).containsExactly("type");
    }

    @Test
    void aValueOfTheWrongTypeGetsOnlyTheTypeViolation() {
        FieldRule rule = FieldRule.of(FieldType.INTEGER).withMin(1).withMaxLength(2).withPattern("[0-9]+");
        List<Violation> violations = FieldValidator.check("query", "id", "1 OR 1=1", rule);
        assertThat(violations).containsExactly(
                new Violation("query", "id", "type", "must be an integer", "1 OR 1=1"));
    }

    @Test
    void booleanIsExactlyTrueOrFalse() {
        FieldRule rule = FieldRule.of(FieldType.BOOLEAN);
        assertThat(rules("true", rule)).isEmpty();
        assertThat(rules("false", rule)).isEmpty();
        assertThat(rules("TRUE", rule)).containsExactly("type");
        assertThat(rules("1", rule)).containsExactly("type");
        assertThat(rules("yes", rule)).containsExactly("type");
    }

    @Test
    void uuidAndEmailTypes() {
        assertThat(rules("123e4567-e89b-12d3-a456-426614174000", FieldRule.of(FieldType.UUID))).isEmpty();
        assertThat(rules("123e4567", FieldRule.of(FieldType.UUID))).containsExactly("type");
        assertThat(rules("ops@example.com", FieldRule.of(FieldType.EMAIL))).isEmpty();
        assertThat(rules("ops@example.com'--", FieldRule.of(FieldType.EMAIL))).containsExactly("type");
    }

    @Test
    void lengthsCountCodePointsSoAnEmojiIsOneCharacter() {
        FieldRule rule = FieldRule.of(FieldType.STRING).withMinLength(2).withMaxLength(3);
        assertThat(rules("😀😀😀", rule)).isEmpty(); // 6 chars, 3 code points
        assertThat(rules("😀😀😀😀", rule)).containsExactly("maxLength");
        assertThat(rules("😀", rule)).containsExactly("minLength");
        assertThat(rules("ab", rule)).isEmpty();
        assertThat(rules("", rule)).containsExactly("minLength");
    }

    @Test
    void reportsEveryBrokenConstraintOfAWellTypedValue() {
        FieldRule rule = FieldRule.of(FieldType.STRING).withMinLength(5).withPattern("[a-z]+")
                .withEnum(List.of("alpha", "bravo"));
        assertThat(rules("AB", rule)).containsExactly("minLength", "pattern", "enum");
    }

    @Test
    void patternIsNotRunOnAValueAlreadyTooLong() {
        FieldRule rule = FieldRule.of(FieldType.STRING).withMaxLength(4).withPattern("[a-z]+");
        assertThat(rules("ABCDEFG", rule)).containsExactly("maxLength");
        assertThat(rules("ABC", rule)).containsExactly("pattern");
    }

    @Test
    void aPatternRefusesValuesTooLongToScanCheaply() {
        FieldRule rule = FieldRule.of(null).withPattern("[a-z]*");
        assertThat(rules("a".repeat(FieldValidator.MAX_PATTERN_INPUT), rule)).isEmpty();
        List<Violation> violations = FieldValidator.check("query", "q",
                "a".repeat(FieldValidator.MAX_PATTERN_INPUT + 1), rule);
        assertThat(violations).extracting(Violation::rule, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pattern",
                        "is too long to check against the required pattern"));
    }

    @Test
    void enumIsExactTextForStringsAndNumericValueForNumbers() {
        FieldRule colours = FieldRule.of(FieldType.STRING).withEnum(List.of("red", "green"));
        assertThat(rules("red", colours)).isEmpty();
        assertThat(rules("Red", colours)).containsExactly("enum");
        assertThat(rules("red ", colours)).containsExactly("enum");
        FieldRule sizes = FieldRule.of(FieldType.NUMBER).withEnum(List.of("1", "2.5"));
        assertThat(rules("1.0", sizes)).isEmpty();
        assertThat(rules("2.50", sizes)).isEmpty();
        assertThat(rules("3", sizes)).containsExactly("enum");
    }

    @Test
    void requiredOnlyFailsWhenAbsent() {
        FieldRule rule = FieldRule.of(FieldType.STRING).asRequired();
        assertThat(rules(null, rule)).containsExactly("required");
        assertThat(rules("", rule)).isEmpty();
        assertThat(rules(null, FieldRule.of(FieldType.INTEGER))).isEmpty();
    }

    @Test
    void unicodeValuesWork() {
        FieldRule name = FieldRule.of(FieldType.STRING).withPattern("\\p{L}[\\p{L} '-]*").withMaxLength(5);
        assertThat(rules("Zoë", name)).isEmpty();
        assertThat(rules("渡辺", name)).isEmpty();
        assertThat(rules("Zoë1", name)).containsExactly("pattern");
        assertThat(rules("Zoë\u202E", name)).containsExactly("pattern");
    }

    @Test
    void violationsCarryAnEscapedPrefixButNeverCredentials() {
        Violation v = FieldValidator.check("header", "X-Trace", "x\n".repeat(50), FieldRule.of(FieldType.UUID)).get(0);
        assertThat(v.valuePrefix()).startsWith("x\\u000Ax\\u000A").endsWith("…").doesNotContain("\n");
        Violation secret = FieldValidator.check("header", "Authorization", "Bearer abc.def.ghi",
                FieldRule.of(FieldType.UUID)).get(0);
        assertThat(secret.valuePrefix()).isNull();
        assertThat(secret.message()).doesNotContain("abc");
        Violation password = FieldValidator.check("json", "$.user.password", "hunter2",
                FieldRule.of(null).withMinLength(12)).get(0);
        assertThat(password.valuePrefix()).isNull();
    }

    @Test
    void jsonTypesFollowTheJsonKind() throws Exception {
        assertThat(jsonRules("5", FieldRule.of(FieldType.INTEGER))).isEmpty();
        assertThat(jsonRules("5.0", FieldRule.of(FieldType.INTEGER))).isEmpty();
        assertThat(jsonRules("5.5", FieldRule.of(FieldType.INTEGER))).containsExactly("type");
        assertThat(jsonRules("\"5\"", FieldRule.of(FieldType.INTEGER))).containsExactly("type");
        assertThat(jsonRules("92233720368547758070", FieldRule.of(FieldType.INTEGER))).containsExactly("type");
        assertThat(jsonRules("1e308", FieldRule.of(FieldType.NUMBER))).isEmpty();
        assertThat(jsonRules("true", FieldRule.of(FieldType.BOOLEAN))).isEmpty();
        assertThat(jsonRules("\"true\"", FieldRule.of(FieldType.BOOLEAN))).containsExactly("type");
        assertThat(jsonRules("\"x\"", FieldRule.of(FieldType.STRING))).isEmpty();
        assertThat(jsonRules("7", FieldRule.of(FieldType.STRING))).containsExactly("type");
        assertThat(jsonRules("{\"a\":1}", FieldRule.of(FieldType.STRING))).containsExactly("type");
        assertThat(jsonRules("[1]", FieldRule.of(null).withMaxLength(3))).containsExactly("type");
        assertThat(jsonRules("[1]", FieldRule.of(null).asRequired())).isEmpty();
    }

    @Test
    void jsonNullIsAbsentForRequiredAndWrongForAnyType() throws Exception {
        assertThat(jsonRules("null", FieldRule.of(null).asRequired())).containsExactly("required");
        assertThat(jsonRules("null", FieldRule.of(null))).isEmpty();
        assertThat(jsonRules("null", FieldRule.of(FieldType.INTEGER))).containsExactly("type");
        assertThat(jsonRules(null, FieldRule.of(FieldType.INTEGER).asRequired())).containsExactly("required");
    }

    @Test
    void jsonBoundsAndLengths() throws Exception {
        FieldRule qty = FieldRule.of(FieldType.INTEGER).withMin(1).withMax(10);
        assertThat(jsonRules("1", qty)).isEmpty();
        assertThat(jsonRules("10", qty)).isEmpty();
        assertThat(jsonRules("0", qty)).containsExactly("min");
        assertThat(jsonRules("11", qty)).containsExactly("max");
        assertThat(jsonRules("\"\uD83D\uDE00\uD83D\uDE00\"", FieldRule.of(FieldType.STRING).withMaxLength(2)))
                .isEmpty();
    }

    @Test
    void contradictoryRulesAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> FieldRule.of(FieldType.STRING).withMin(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min and max");
        assertThatThrownBy(() -> FieldRule.of(FieldType.INTEGER).withMin(5).withMax(4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldRule.of(null).withMinLength(5).withMaxLength(4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldRule.of(FieldType.INTEGER).withEnum(List.of("1", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> FieldRule.of(null).withPattern("(a)\\1"))
                .isInstanceOf(PatternCompileException.class);
        assertThatThrownBy(() -> FieldType.fromPolicyName("int")).isInstanceOf(IllegalArgumentException.class);
        assertThat(FieldType.fromPolicyName("uuid")).isEqualTo(FieldType.UUID);
    }
}
