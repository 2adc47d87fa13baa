package io.bulwark.policies.model.parse;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bulwark.policies.model.AuthRequirement;
import io.bulwark.policies.model.NotInFile;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.PolicyReference;
import io.bulwark.policies.model.Required;
import io.bulwark.policies.model.Route;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser's written-out table of the model ({@link ModelShapes}) must say what the records' annotations and
 * generic types say. On a mismatch the failure shows the record's table entry as it should read.
 */
class ModelShapesTest {

    /** Every record the file writes as an object: the sections, and {@code {"scopes": [...]}} behind a converter. */
    private static Set<Class<?>> objectRecords() {
        Set<Class<?>> records = new LinkedHashSet<>(PolicyReference.recordPaths().keySet());
        records.add(AuthRequirement.Scoped.class);
        return records;
    }

    @Test
    void tableMatchesTheRecordsAnnotationsAndTypes() {
        for (Class<?> record : objectRecords()) {
            List<String> expected = fromReflection(record);
            RecordShape shape = ModelShapes.of(record);
            List<String> actual = new ArrayList<>();
            for (ModelShapes.Component component : shape.components) {
                actual.add(describe(component));
            }
            assertThat(actual).as("ModelShapes entry for %s; it should read:%n%s", record.getName(),
                    String.join(",\n", expected)).isEqualTo(expected);
            assertThat(shape.constructor).as("canonical constructor of %s", record.getName()).isNotNull();
            assertThat(shape.type).isEqualTo(record);
        }
    }

    @Test
    void coversEveryRecordThePolicyReaches() {
        assertThat(objectRecords()).contains(Policy.class, Route.class).hasSizeGreaterThan(15);
        assertThatThrownBy(() -> ModelShapes.of(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyFileComponentsAreKeysAndTheyKeepDeclarationOrder() {
        RecordShape policy = ModelShapes.of(Policy.class);
        assertThat(policy.indexByName).doesNotContainKey("source").containsEntry("version", 0);
        List<String> keys = new ArrayList<>(policy.indexByName.keySet());
        List<String> declared = new ArrayList<>();
        for (RecordComponent component : PolicyReference.fileComponents(Policy.class)) {
            declared.add(PolicyReference.fileName(component));
        }
        assertThat(keys).isEqualTo(declared);
    }

    private static List<String> fromReflection(Class<?> record) {
        List<String> lines = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property == null ? component.getName() : property.value();
            Type type = component.getGenericType();
            String line;
            if (type instanceof ParameterizedType generic) {
                Type[] arguments = generic.getActualTypeArguments();
                assertThat(generic.getRawType()).as(name).isIn(List.class, Map.class);
                if (generic.getRawType() == Map.class) {
                    assertThat(arguments[0]).as("map keys of %s", name).isEqualTo(String.class);
                }
                line = (generic.getRawType() == List.class ? "list" : "map") + "(\"" + name + "\", "
                        + typeName((Class<?>) arguments[arguments.length - 1]) + ".class)";
            } else {
                line = (component.isAnnotationPresent(NotInFile.class) ? "notInFile" : "field") + "(\"" + name
                        + "\", " + typeName((Class<?>) type) + ".class)";
            }
            Required required = component.getAnnotation(Required.class);
            if (required != null) {
                line += required.value().isEmpty() ? ".required()" : ".required(\"" + escape(required.value()) + "\")";
            }
            lines.add(line);
        }
        return lines;
    }

    private static String describe(ModelShapes.Component component) {
        String kind = component.container == List.class ? "list" : component.container == Map.class ? "map"
                : component.inFile ? "field" : "notInFile";
        String line = kind + "(\"" + component.name + "\", " + typeName(component.type) + ".class)";
        if (component.requiredMessage != null) {
            line += component.requiredMessage.equals("required field is missing") ? ".required()"
                    : ".required(\"" + escape(component.requiredMessage) + "\")";
        }
        return line;
    }

    private static String typeName(Class<?> type) {
        return type.getName().replace("io.bulwark.policies.model.", "").replace("java.lang.", "").replace('$', '.');
    }

    private static String escape(String message) {
        return message.replace("\"", "\\\"");
    }
}
