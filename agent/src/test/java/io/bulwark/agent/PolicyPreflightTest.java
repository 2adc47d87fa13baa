package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPreflightTest {

    private static final String VALID = """
            { "version": 1, "mode": "block", "injection": { "sql": "block", "shell": "block" } }
            """;

    @TempDir
    Path dir;

    @Test
    void validPolicyNamedByArgumentPasses() throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), VALID);

        PolicyPreflight.Verdict verdict = PolicyPreflight.check("policy=" + file, new Properties(), dir);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.policy()).isEqualTo(file);
    }

    @Test
    void invalidPolicyIsRefusedWithItsErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{ \"version\": 1, \"mode\": \"sometimes\" }");

        PolicyPreflight.Verdict verdict = PolicyPreflight.check("policy=" + file, new Properties(), dir);

        assertThat(verdict.ok()).isFalse();
        assertThat(String.join("\n", verdict.problems())).contains("mode");
    }

    @Test
    void missingNamedFileIsRefused() {
        PolicyPreflight.Verdict verdict = PolicyPreflight.check("policy=nope.json", new Properties(), dir);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.problems()).singleElement().asString().contains("does not exist");
    }

    @Test
    void judgesTheFileTheTargetWouldFindInItsOwnWorkingDirectory() throws IOException {
        Files.writeString(dir.resolve(PolicyDiscovery.FILE_NAME), "not json");

        PolicyPreflight.Verdict verdict = PolicyPreflight.check("", new Properties(), dir);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.policy()).isEqualTo(dir.resolve(PolicyDiscovery.FILE_NAME));
    }

    @Test
    void systemPropertyOfTheTargetNamesThePolicy() throws IOException {
        Path file = Files.writeString(dir.resolve("from-property.json"), VALID);
        Properties target = new Properties();
        target.setProperty(PolicyDiscovery.PROPERTY, file.toString());

        PolicyPreflight.Verdict verdict = PolicyPreflight.check(null, target, dir);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.policy()).isEqualTo(file);
    }

    @Test
    void noPolicyAnywhereMeansTheBuiltInDefault() {
        PolicyPreflight.Verdict verdict = PolicyPreflight.check("", new Properties(), dir);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.policy()).isNull();
    }

    @Test
    void unknownAgentArgumentIsRefused() {
        PolicyPreflight.Verdict verdict = PolicyPreflight.check("polcy=x.json", new Properties(), dir);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.problems()).singleElement().asString().contains("unknown agent argument");
    }
}
