package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.AuthRequirement;
import io.bulwark.policies.model.BruteForceKey;
import io.bulwark.policies.model.ByteSize;
import io.bulwark.policies.model.CidrBlock;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.InvalidValueException;
import io.bulwark.policies.model.JwksSource;
import io.bulwark.policies.model.PathPattern;
import io.bulwark.policies.model.PolicyDuration;
import io.bulwark.policies.model.RateLimitKey;
import io.bulwark.policies.model.Scope;
import io.bulwark.policies.model.Sha256Digest;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's value types, each read from its own JSON form: what each accepts, and the message when it does not.
 * Plain type tests rather than a map of lambdas: this runs on the premain thread, where each lambda is a class to
 * spin.
 */
final class ModelConverters {

    private ModelConverters() {
    }

    /** Whether {@code type} is a value type read here rather than bound as a record, list or plain JSON value. */
    static boolean converts(Class<?> type) {
        return expectedText(type) != null || type == AuthRequirement.class || type == RateLimitKey.class
                || type == BruteForceKey.class;
    }

    /** The value, or null after reporting through the binder why not; only for types that {@link #converts}. */
    static Object convert(Class<?> type, Node node, FieldPath path, RecordBinder binder) {
        if (type == AuthRequirement.class) {
            return authRequirement(node, path, binder);
        }
        if (type == RateLimitKey.class) {
            return rateLimitKey(node, path, binder);
        }
        if (type == BruteForceKey.class) {
            return bruteForceKey(node, path, binder);
        }
        if (!(node instanceof Node.StringNode text)) {
            binder.mismatch(node, path, expectedText(type));
            return null;
        }
        try {
            return parseText(type, text.value());
        } catch (InvalidValueException e) {
            binder.report(text, path, e.getMessage());
            return null;
        }
    }

    /** How a message names the form of a type written as one string; null for any other type. */
    private static String expectedText(Class<?> type) {
        if (type == PolicyDuration.class) {
            return "a duration like \"30s\"";
        } else if (type == ByteSize.class) {
            return "a size like \"64KB\"";
        } else if (type == CidrBlock.class) {
            return "an address block like \"10.0.0.0/8\"";
        } else if (type == PathPattern.class) {
            return "a path like \"/api/orders/**\"";
        } else if (type == Scope.class) {
            return "a scope string";
        } else if (type == InputRef.class) {
            return "an input like \"query:NAME\"";
        } else if (type == JwksSource.class) {
            return "\"file:PATH\" or an https:// URL";
        } else if (type == Sha256Digest.class) {
            return "64 hex digits";
        }
        return null;
    }

    private static Object parseText(Class<?> type, String text) throws InvalidValueException {
        if (type == PolicyDuration.class) {
            return PolicyDuration.parse(text);
        } else if (type == ByteSize.class) {
            return ByteSize.parse(text);
        } else if (type == CidrBlock.class) {
            return CidrBlock.parse(text);
        } else if (type == PathPattern.class) {
            return PathPattern.parse(text);
        } else if (type == Scope.class) {
            return Scope.parse(text);
        } else if (type == InputRef.class) {
            return InputRef.parse(text);
        } else if (type == JwksSource.class) {
            return JwksSource.parse(text);
        } else if (type == Sha256Digest.class) {
            return Sha256Digest.parse(text);
        }
        throw new IllegalArgumentException("not a value type written as text: " + type);
    }

    private static AuthRequirement authRequirement(Node node, FieldPath path, RecordBinder binder) {
        if (node instanceof Node.StringNode text) {
            switch (text.value()) {
                case "public":
                    return AuthRequirement.PUBLIC;
                case "authenticated":
                    return AuthRequirement.AUTHENTICATED;
                default:
                    binder.report(node, path, "auth must be \"public\", \"authenticated\" or {\"scopes\": [...]}");
                    return null;
            }
        }
        if (!(node instanceof Node.ObjectNode object)) {
            binder.mismatch(node, path, "\"public\", \"authenticated\" or {\"scopes\": [...]}");
            return null;
        }
        AuthRequirement.Scoped scoped = binder.bindRecord(AuthRequirement.Scoped.class, node, path);
        Node.Member scopes = object.members().get("scopes");
        if (scoped != null && scopes != null && scopes.value() instanceof Node.ArrayNode list
                && list.items().isEmpty()) {
            binder.report(list, path.field("scopes"), "scopes must not be empty; use \"authenticated\" for any "
                    + "valid credential");
        }
        return scoped;
    }

    private static RateLimitKey rateLimitKey(Node node, FieldPath path, RecordBinder binder) {
        List<Node.StringNode> texts = stringOrList(node, path, binder, "\"ip\", \"apiKey\", \"subject\", \"route\", "
                + "\"header:NAME\" or a list of them");
        if (texts == null) {
            return null;
        }
        List<RateLimitKey.Part> parts = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < texts.size(); i++) {
            FieldPath partPath = node instanceof Node.ArrayNode ? path.index(i) : path;
            RateLimitKey.Part part = null;
            try {
                part = RateLimitKey.Part.parse(texts.get(i).value());
            } catch (InvalidValueException e) {
                binder.report(texts.get(i), partPath, e.getMessage());
            }
            failed |= part == null;
            if (part != null) {
                parts.add(part);
            }
        }
        if (failed) {
            return null;
        }
        try {
            return RateLimitKey.of(parts);
        } catch (InvalidValueException e) {
            binder.report(node, path, e.getMessage());
            return null;
        }
    }

    private static BruteForceKey bruteForceKey(Node node, FieldPath path, RecordBinder binder) {
        List<Node.StringNode> texts = stringOrList(node, path, binder, "\"ip\", \"subject\" or [\"ip\", \"subject\"]");
        if (texts == null) {
            return null;
        }
        if (texts.isEmpty()) {
            binder.report(node, path, "bruteForce key list must not be empty");
            return null;
        }
        BruteForceKey key = null;
        for (int i = 0; i < texts.size(); i++) {
            FieldPath partPath = node instanceof Node.ArrayNode ? path.index(i) : path;
            try {
                BruteForceKey part = BruteForceKey.parse(texts.get(i).value());
                key = key == null ? part : key.and(part);
            } catch (InvalidValueException e) {
                binder.report(texts.get(i), partPath, e.getMessage());
                return null;
            }
        }
        return key;
    }

    /** A string as a list of one, or a list whose items are all strings; null after reporting. */
    private static List<Node.StringNode> stringOrList(Node node, FieldPath path, RecordBinder binder,
                                                      String expected) {
        if (node instanceof Node.StringNode text) {
            return List.of(text);
        }
        if (!(node instanceof Node.ArrayNode array)) {
            binder.mismatch(node, path, expected);
            return null;
        }
        List<Node.StringNode> texts = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < array.items().size(); i++) {
            Node item = array.items().get(i);
            if (item instanceof Node.StringNode text) {
                texts.add(text);
            } else {
                binder.mismatch(item, path.index(i), "a string");
                failed = true;
            }
        }
        return failed ? null : texts;
    }
}
