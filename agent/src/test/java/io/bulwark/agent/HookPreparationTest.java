package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HookPreparationTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diagnostics = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void describesTheHooksOfEveryModuleWhateverThePolicyDisables() {
        List<HookTransformer.Hook> hooks = HookPreparation.start(diagnostics).hooks();

        assertThat(hooks.stream().map(HookTransformer.Hook::group).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("servlet", "jdbc", "process", "concurrent");
        assertThat(hooks).hasSize(HookPreparation.hooksOf(AgentInstaller.modules()).size());
    }

    @Test
    void theWarmUpWeaveFindsItsMethodAndWeavesWithoutError() {
        List<HookTransformer.Hook> hooks = HookPreparation.start(diagnostics).hooks();

        HookTransformer.warmUpWeaving(hooks, diagnostics);

        assertThat(diagnostics.errorCount()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("matched no method");
    }
}
