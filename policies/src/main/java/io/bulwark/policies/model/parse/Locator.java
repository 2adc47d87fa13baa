package io.bulwark.policies.model.parse;

/** Finds where a field path points in the read tree; a field the file leaves out points at its enclosing object. */
final class Locator {

    private final Node root;

    Locator(Node root) {
        this.root = root;
    }

    /** Whether the file sets this field at all. */
    boolean isPresent(FieldPath path) {
        Node node = root;
        for (Object step : path.steps()) {
            node = step(node, step);
            if (node == null) {
                return false;
            }
        }
        return true;
    }

    private static Node step(Node node, Object step) {
        if (step instanceof String name && node instanceof Node.ObjectNode object) {
            Node.Member member = object.members().get(name);
            return member == null ? null : member.value();
        }
        if (step instanceof Integer index && node instanceof Node.ArrayNode array && index < array.items().size()) {
            return array.items().get(index);
        }
        return null;
    }

    Position positionOf(FieldPath path) {
        Node node = root;
        for (Object step : path.steps()) {
            Node next = step(node, step);
            if (next == null) {
                return node.position();
            }
            node = next;
        }
        return node.position();
    }
}
