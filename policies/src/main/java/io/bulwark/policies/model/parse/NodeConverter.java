package io.bulwark.policies.model.parse;

/** Turns one node into one model value; reports through the binder and returns null when it cannot. */
@FunctionalInterface
interface NodeConverter<T> {

    T convert(Node node, FieldPath path, RecordBinder binder);
}
