package io.bulwark.policies.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Bounds on a JSON body's shape. A body within {@code maxBodySize} can still be 100,000 levels deep (stack overflow
 * in a recursive consumer) or a million tiny values (time in every rule that walks it), so both are capped before any
 * rule runs. {@link JsonBodyParser} enforces the same caps while parsing; {@link #exceededBy} checks a tree someone
 * else parsed, without recursion.
 *
 * @param maxDepth the deepest nesting of arrays and objects (the root container is depth 1)
 * @param maxNodes the most values (containers and scalars) in the whole tree
 */
public record JsonLimits(int maxDepth, int maxNodes) {

    public static final JsonLimits DEFAULT = new JsonLimits(64, 100_000);

    public JsonLimits {
        if (maxDepth < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }

    /** What the tree exceeds, as a sentence for a {@code json} violation, or {@code null} when within limits. */
    public String exceededBy(JsonNode root) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 1});
        int nodes = 0;
        while (!stack.isEmpty()) {
            Object[] entry = stack.pop();
            JsonNode node = (JsonNode) entry[0];
            int depth = (Integer) entry[1];
            if (++nodes > maxNodes) {
                return "has more than " + maxNodes + " values";
            }
            if (node.isContainerNode()) {
                if (depth > maxDepth) {
                    return "is nested deeper than " + maxDepth + " levels";
                }
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    stack.push(new Object[]{it.next(), depth + 1});
                }
            }
        }
        return null;
    }
}
