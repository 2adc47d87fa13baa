package io.bulwark.policies.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Parses a request body for validation, refusing what would make the check unreliable or expensive: nesting beyond
 * {@link JsonLimits#maxDepth()}, more tokens than {@link JsonLimits#maxNodes()} allows, duplicate keys (the app's
 * parser may keep the other copy than the one validated) and trailing content after the value.
 * Thread-safe; build one per limits and reuse it.
 */
public final class JsonBodyParser {

    private final JsonLimits limits;
    private final ObjectMapper mapper;

    public JsonBodyParser(JsonLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        // a value is at most two tokens (a container's start and end), plus one per member name
                        .maxTokenCount(3L * limits.maxNodes())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @return the body's tree, within the limits
     * @throws InvalidJsonException with a {@code json} violation (never echoing the body) when it is not acceptable
     */
    public JsonNode parse(byte[] body, int offset, int length) throws InvalidJsonException {
        JsonNode root;
        long tokens;
        try (JsonParser parser = mapper.createParser(body, offset, length)) {
            root = mapper.readTree(parser);
            tokens = parser.currentTokenCount();
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(e.getMessage().contains("depth")
                    ? "is nested deeper than " + limits.maxDepth() + " levels"
                    : "is too large or too complex to validate");
        } catch (IOException e) {
            String reason = e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "has a duplicate key" : "is not valid JSON";
            throw new InvalidJsonException(reason);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidJsonException("is empty");
        }
        // The parser already refused nesting past maxDepth (its depth counts as ours: the root container is 1), and
        // every value is at least one token: a body of no more tokens than maxNodes has no more values, and needs no
        // second walk over its tree. Only a larger one is counted value by value (and any, were the count not kept).
        String exceeded = tokens > 0 && tokens <= limits.maxNodes() ? null : limits.exceededBy(root);
        if (exceeded != null) {
            throw new InvalidJsonException(exceeded);
        }
        return root;
    }

    /** A body refused before any rule ran; {@link #violation()} is what the response lists. */
    public static final class InvalidJsonException extends Exception {
        private final Violation violation;

        InvalidJsonException(String reason) {
            super("body " + reason, null, false, false);
            this.violation = new Violation("json", "$", "json", "body " + reason, null);
        }

        public Violation violation() {
            return violation;
        }
    }
}
