package io.bulwark.policies.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference describes exactly the model, and docs/policy-reference.md is what the reference generates. */
class PolicyReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "policy-reference.md");

    @Test
    void everyModelFieldIsDescribedAndEveryDescriptionIsAModelField() {
        List<String> modelFields = new ArrayList<>();
        for (Class<?> record : PolicyReference.recordPaths().keySet()) {
            for (RecordComponent component : PolicyReference.fileComponents(record)) {
                modelFields.add(record.getSimpleName() + "." + PolicyReference.fileName(component));
            }
        }
        List<String> described = PolicyReference.entries().stream()
                .map(entry -> entry.owner().getSimpleName() + "." + entry.name()).toList();

        assertThat(described).as("registry entries without a model field, or model fields without an entry")
                .containsExactlyInAnyOrderElementsOf(modelFields);
        assertThat(PolicyReference.entries()).allSatisfy(entry -> assertThat(entry.description()).isNotBlank());
    }

    @Test
    void walkFindsRecordsWhereverTheyAppear() {
        assertThat(PolicyReference.recordPaths().get(ValidationRule.class)).containsExactly(
                "routes[].validate.query.<name>", "routes[].validate.path.<name>",
                "routes[].validate.header.<name>", "routes[].validate.json.<name>");
        assertThat(PolicyReference.recordPaths().get(ApiKey.class))
                .containsExactly("authentication.apiKeys.keys[]");
        assertThat(PolicyReference.markdown()).contains("| `enum` | list of string | any |");
    }

    @Test
    void generatedDocumentIsCurrent() throws IOException {
        String generated = PolicyReference.markdown();
        if (Boolean.getBoolean("bulwark.updateReference")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/policy-reference.md is stale; regenerate with -Dbulwark.updateReference=true")
                .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/policy-reference.md is stale; regenerate with -Dbulwark.updateReference=true")
                .isEqualTo(generated);
    }
}
