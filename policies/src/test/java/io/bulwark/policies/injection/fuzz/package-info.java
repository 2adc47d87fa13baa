/**
 * Jazzer fuzz targets for the injection engine: SqlLexerFuzzTest, ShellLexerFuzzTest, InputMatcherFuzzTest,
 * SqlCheckFuzzTest and CommandCheckFuzzTest. Each asserts properties that hold for any text (tokens tile the text,
 * work stays linear, a finding is a real occurrence of its input, masking hides literals, absent inputs change
 * nothing), not only that nothing throws.
 *
 * <p>{@code mvn test} replays each target's saved inputs under
 * {@code src/test/resources/io/bulwark/policies/injection/fuzz/<Class>Inputs/<method>/}; {@code policies/fuzz.sh
 * TARGET SECONDS} fuzzes one target. A seed file is a few choice bytes followed by the text; each class says which.
 */
package io.bulwark.policies.injection.fuzz;
