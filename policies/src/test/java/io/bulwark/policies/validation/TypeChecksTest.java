package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "42", "007", "9223372036854775807", "-9223372036854775808"})
    void acceptsIntegersInTheSixtyFourBitRange(String text) {
        assertThat(TypeChecks.decimal(text, FieldType.INTEGER)).isEqualTo(new BigDecimal(Long.parseLong(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "9223372036854775808",
        "-9223372036854775809", "١٢٣", "１", "12a"})
    void refusesEverythingElseAsAnInteger(String text) {
        assertThat(TypeChecks.decimal(text, FieldType.INTEGER)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.5", "3.14", "1e3", "1E-7", "2.5e+10", "123456789012345678901234567890"})
    void acceptsFiniteDecimalNumbers(String text) {
        assertThat(TypeChecks.decimal(text, FieldType.NUMBER)).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", ".5", "5.", "1e", "1e+", "--1", "1e400",
        "1,5", "½"})
    void refusesNonFiniteHexAndMalformedNumbers(String text) {
        assertThat(TypeChecks.decimal(text, FieldType.NUMBER)).isNull();
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongNumbersBeforeParsing() {
        assertThat(TypeChecks.decimal("1".repeat(100), FieldType.NUMBER)).isNotNull();
        assertThat(TypeChecks.decimal("1".repeat(101), FieldType.NUMBER)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "01890a5d-ac96-774b-bcce-b302099a8057"})
    void acceptsUuidsInTheirTextualForm(String text) {
        assertThat(TypeChecks.isUuid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
        "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567-e89b-12d3-a456_426614174000", "１23e4567-e89b-12d3-a456-426614174000"})
    void refusesOtherUuidShapes(String text) {
        assertThat(TypeChecks.isUuid(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "first.last+tag@sub.example.co.uk", "x_y-z!#$%&'*/=?^`{|}~@a-b.io",
        "user@xn--bcher-kva.example"})
    void acceptsPracticalEmailAddresses(String text) {
        assertThat(TypeChecks.isEmail(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@@example.com", "a@b@example.com",
        ".a@example.com", "a.@example.com", "a..b@example.com", "a@localhost", "a@example..com",
        "a@-example.com", "a@example-.com", "a@example.123", "\"quoted\"@example.com", "a@[192.0.2.1]",
        "ü@example.com", "a@bücher.example", "a b@example.com", "a@example.com\n", "a(comment)@example.com"})
    void refusesWhatThePracticalCheckDoesNotAllow(String text) {
        assertThat(TypeChecks.isEmail(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void enforcesEmailLengthLimits() {
        String label = "a".repeat(63);
        assertThat(TypeChecks.isEmail("a".repeat(64) + "@example.com")).isTrue();
        assertThat(TypeChecks.isEmail("a".repeat(65) + "@example.com")).isFalse();
        assertThat(TypeChecks.isEmail("a@" + label + ".com")).isTrue();
        assertThat(TypeChecks.isEmail("a@" + label + "a.com")).isFalse();
        String domain240 = (label + ".").repeat(3) + "a".repeat(44) + ".com"; // 192 + 48 = 240
        assertThat(TypeChecks.isEmail("a".repeat(13) + "@" + domain240)).isTrue(); // 254 in all
        assertThat(TypeChecks.isEmail("a".repeat(14) + "@" + domain240)).isFalse();
    }
}
