package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.Required;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds located nodes to the model's records by their components: strict (unknown keys, wrong JSON types and
 * nulls are errors; nothing is coerced, so {@code "100"} is not a number) and exhaustive (a bad value is reported
 * and binding goes on, so one pass finds every error). Jackson's databind was the first choice; it loses
 * positions for the properties it buffers while building records and stops at the first coercion failure.
 */
final class RecordBinder {

    /** Unknown keys that look like an attempt to put a credential in the file get a pointed message. */
    private static final Set<String> SECRET_LIKE = Set.of("key", "apikey", "secret", "password", "token",
            "privatekey", "clientsecret", "hmacsecret", "keys");

    private final Problems problems;
    RecordBinder(Problems problems) {
        this.problems = problems;
    }

    void report(Node node, FieldPath path, String message) {
        problems.add(node.position(), path, message);
    }

    /** A value for one record component, or null after reporting why not. */
    private Object bind(ModelShapes.Component component, Node node, FieldPath path) {
        if (component.container == List.class) {
            return node instanceof Node.NullNode ? nullValue(node, path) : bindList(component.type, node, path);
        }
        if (component.container == Map.class) {
            return node instanceof Node.NullNode ? nullValue(node, path) : bindMap(component.type, node, path);
        }
        return bind(component.type, node, path);
    }

    private Object nullValue(Node node, FieldPath path) {
        report(node, path, "null is not allowed; leave the field out instead");
        return null;
    }

    /** A value of {@code target}, or null after reporting why not. */
    Object bind(Class<?> target, Node node, FieldPath path) {
        if (node instanceof Node.NullNode) {
            return nullValue(node, path);
        }
        if (ModelConverters.converts(target)) {
            return ModelConverters.convert(target, node, path, this);
        }
        if (target == String.class) {
            return node instanceof Node.StringNode string ? string.value() : mismatch(node, path, "a string");
        }
        if (target == Boolean.class) {
            return node instanceof Node.BooleanNode bool ? bool.value() : mismatch(node, path, "true or false");
        }
        if (target == Integer.class) {
            return bindInteger(node, path);
        }
        if (target == BigDecimal.class) {
            return node instanceof Node.NumberNode number ? number.value() : mismatch(node, path, "a number");
        }
        if (target.isEnum()) {
            return bindEnum(target, node, path);
        }
        if (target.isRecord()) {
            return bindRecord(target, node, path);
        }
        throw new IllegalArgumentException("unsupported model type " + target);
    }

    Object mismatch(Node node, FieldPath path, String expected) {
        report(node, path, "expected " + expected + ", got " + node.kind());
        return null;
    }

    /** The node's text, or null after reporting that it is not a string. */
    String text(Node node, FieldPath path) {
        return (String) bind(String.class, node, path);
    }

    private Integer bindInteger(Node node, FieldPath path) {
        if (!(node instanceof Node.NumberNode number)) {
            mismatch(node, path, "a whole number");
            return null;
        }
        if (!number.integral()) {
            report(node, path, "expected a whole number, got a fraction or exponent");
            return null;
        }
        try {
            return number.value().intValueExact();
        } catch (ArithmeticException e) {
            report(node, path, "number is too large");
            return null;
        }
    }

    private Object bindEnum(Class<?> type, Node node, FieldPath path) {
        Object[] constants = type.getEnumConstants();
        if (!(node instanceof Node.StringNode string)) {
            return mismatch(node, path, "one of " + wireNames(constants));
        }
        for (Object constant : constants) {
            if (wireName(constant).equals(string.value())) {
                return constant;
            }
        }
        report(node, path, "must be one of " + wireNames(constants));
        return null;
    }

    /** Only for a message: a valid value never needs the list. */
    private static String wireNames(Object[] constants) {
        StringBuilder names = new StringBuilder();
        for (Object constant : constants) {
            names.append(names.length() == 0 ? "" : ", ").append(wireName(constant));
        }
        return names.toString();
    }

    /** Enum constants are written in lower case in the file: {@code BLOCK} is {@code "block"}. */
    static String wireName(Object constant) {
        return ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
    }

    private List<Object> bindList(Class<?> element, Node node, FieldPath path) {
        if (!(node instanceof Node.ArrayNode array)) {
            mismatch(node, path, "a list");
            return null;
        }
        List<Object> values = new ArrayList<>(array.items().size());
        for (int i = 0; i < array.items().size(); i++) {
            // A failed item stays as null so that the items after it keep their index for later checks.
            values.add(bind(element, array.items().get(i), path.index(i)));
        }
        return values;
    }

    private Map<String, Object> bindMap(Class<?> valueType, Node node, FieldPath path) {
        if (!(node instanceof Node.ObjectNode object)) {
            mismatch(node, path, "an object");
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Node.Member> entry : object.members().entrySet()) {
            values.put(entry.getKey(), bind(valueType, entry.getValue().value(), path.field(entry.getKey())));
        }
        return values;
    }

    /** Binds an object to a record; components the object omits are null, and reported if {@link Required}. */
    <T> T bindRecord(Class<T> type, Node node, FieldPath path) {
        if (!(node instanceof Node.ObjectNode object)) {
            mismatch(node, path, "an object");
            return null;
        }
        RecordShape shape = SHAPES.get(type);
        Object[] arguments = new Object[shape.components.length];
        for (Map.Entry<String, Node.Member> entry : object.members().entrySet()) {
            String name = entry.getKey();
            Integer index = shape.indexByName.get(name);
            if (index == null) {
                problems.add(entry.getValue().keyPosition(), path.field(name),
                        unknownFieldMessage(name, shape.indexByName));
                continue;
            }
            arguments[index] = bind(shape.components[index], entry.getValue().value(), path.field(name));
        }
        for (ModelShapes.Component component : shape.components) {
            if (component.requiredMessage != null && !object.members().containsKey(component.name)) {
                problems.add(object.position(), path.field(component.name), component.requiredMessage);
            }
        }
        return type.cast(construct(type, shape.constructor, arguments));
    }

    /** Worked out once per model record type (a small fixed set), so a hot reload repeats none of it. */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return ModelShapes.of(type);
        }
    };

    private static String unknownFieldMessage(String name, Map<String, Integer> known) {
        String message = "unknown field; expected one of " + String.join(", ", known.keySet());
        if (SECRET_LIKE.contains(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""))) {
            message = "unknown field; secrets never sit inline in the policy (API keys are given by sha256, "
                    + "JWT keys by jwks)";
        }
        return message;
    }

    private static Object construct(Class<?> type, Constructor<?> constructor, Object[] arguments) {
        if (constructor == null) {
            throw new IllegalStateException("cannot construct model record " + type.getSimpleName(),
                    new NoSuchMethodException(type.getName() + ".<init>"));
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("model record " + type.getSimpleName()
                    + " rejected values the binder accepted", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct model record " + type.getSimpleName(), e);
        }
    }
}
