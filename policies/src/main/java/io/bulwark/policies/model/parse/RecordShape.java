package io.bulwark.policies.model.parse;

import java.lang.reflect.Constructor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What binding needs of one model record: its components as the file writes them, and its canonical constructor. */
final class RecordShape {

    final Class<?> type;
    final ModelShapes.Component[] components;
    /** Only the components the file may set, in declaration order (the order an unknown-field error lists). */
    final Map<String, Integer> indexByName;
    /** Null if the record has no constructor taking exactly these components: reported when one is bound. */
    final Constructor<?> constructor;

    RecordShape(Class<?> type, ModelShapes.Component... components) {
        this.type = type;
        this.components = components;
        Map<String, Integer> index = new LinkedHashMap<>();
        Class<?>[] rawTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            rawTypes[i] = components[i].rawType();
            if (components[i].inFile) {
                index.put(components[i].name, i);
            }
        }
        this.indexByName = Collections.unmodifiableMap(index);
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(rawTypes);
        } catch (NoSuchMethodException e) {
            canonical = null;
        }
        this.constructor = canonical;
    }
}
