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
import java.util.Map;

/** The converters for the model's value types: what each accepts, and the message when it does not. */
final class ModelConverters {

    private ModelConverters() {
    }

    @FunctionalInterface
    private interface TextParser<T> {
        T parse(String text) throws InvalidValueException;
    }

    /** Stateless, so built once: a hot reload then makes none of its lambdas again. */
    private static final Map<Class<?>, NodeConverter<?>> ALL = build();

    static Map<Class<?>, NodeConverter<?>> all() {
        return ALL;
    }

    private static Map<Class<?>, NodeConverter<?>> build() {
        return Map.ofEntries(
                Map.entry(PolicyDuration.class, fromText("a duration like \"30s\"", PolicyDuration::parse)),
                Map.entry(ByteSize.class, fromText("a size like \"64KB\"", ByteSize::parse)),
                Map.entry(CidrBlock.class, fromText("an address block like \"10.0.0.0/8\"", CidrBlock::parse)),
                Map.entry(PathPattern.class, fromText("a path like \"/api/orders/**\"", PathPattern::parse)),
                Map.entry(Scope.class, fromText("a scope string", Scope::parse)),
                Map.entry(InputRef.class, fromText("an input like \"query:NAME\"", InputRef::parse)),
                Map.entry(JwksSource.class, fromText("\"file:PATH\" or an https:// URL", JwksSource::parse)),
                Map.entry(Sha256Digest.class, fromText("64 hex digits", Sha256Digest::parse)),
                Map.entry(AuthRequirement.class, ModelConverters::authRequirement),
                Map.entry(RateLimitKey.class, ModelConverters::rateLimitKey),
                Map.entry(BruteForceKey.class, ModelConverters::bruteForceKey));
    }

    private static <T> NodeConverter<T> fromText(String expected, TextParser<T> parser) {
        return (node, path, binder) -> {
            if (!(node instanceof Node.StringNode text)) {
                binder.mismatch(node, path, expected);
                return null;
            }
            return parse(parser, text, path, binder);
        };
    }

    private static <T> T parse(TextParser<T> parser, Node.StringNode text, FieldPath path, RecordBinder binder) {
        try {
            return parser.parse(text.value());
        } catch (InvalidValueException e) {
            binder.report(text, path, e.getMessage());
            return null;
        }
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
            RateLimitKey.Part part = parse(RateLimitKey.Part::parse, texts.get(i), partPath, binder);
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
            BruteForceKey part = parse(BruteForceKey::parse, texts.get(i), partPath, binder);
            if (part == null) {
                return null;
            }
            try {
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
