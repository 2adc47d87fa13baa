package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuePrefixTest {

    @Test
    void keepsShortPrintableValuesAsTheyAre() {
        assertThat(ValuePrefix.of("abc 123 Zoë 😀")).isEqualTo("abc 123 Zoë 😀");
    }

    @Test
    void cutsAtThirtyTwoCodePointsNotChars() {
        String emoji = "😀".repeat(40);
        assertThat(ValuePrefix.of(emoji)).isEqualTo("😀".repeat(32) + "…");
        assertThat(ValuePrefix.of("x".repeat(32))).isEqualTo("x".repeat(32));
        assertThat(ValuePrefix.of("x".repeat(33))).isEqualTo("x".repeat(32) + "…");
    }

    @Test
    void escapesWhatCouldForgeOrHideText() {
        assertThat(ValuePrefix.of("a\nb\r\u0000\u001b[31m")).isEqualTo("a\\u000Ab\\u000D\\u0000\\u001B[31m");
        assertThat(ValuePrefix.of("abc\u202Eevil")).isEqualTo("abc\\u202Eevil");
        assertThat(ValuePrefix.of("x\u2028y")).isEqualTo("x\\u2028y");
        assertThat(ValuePrefix.of("\uD800x")).isEqualTo("\\uD800x");
        assertThat(ValuePrefix.of("\uDB40\uDC01")).isEqualTo("\\u{E0001}");
        assertThat(ValuePrefix.of("a\\u000A")).isEqualTo("a\\\\u000A");
    }

    @Test
    void escapingDoesNotLetAValueExceedItsBound() {
        String prefix = ValuePrefix.of("\u0000".repeat(1_000));
        assertThat(prefix).isEqualTo("\\u0000".repeat(32) + "…");
    }
}
