package io.bulwark.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttachCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"attach", "attach abc", "attach 12 policy", "attach 12 policy=a.json extra",
        "attach 12 mode=block"})
    void malformedArgumentsAreAUsageErrorBeforeAnyAttach(String line) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Cli.run(line.split(" "), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: attach PID [policy=PATH]");
    }
}
