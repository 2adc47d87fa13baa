package io.bulwark.policies.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Validates one request against one route's rules. Built once per route when the policy loads (patterns and JSON
 * paths compiled, rules sorted), then a pure function of the request's values.
 *
 * <p>Every violation is reported, in a stable order: path, query, header, then JSON; within a source by name (so
 * the order does not depend on the policy's map type), and within a JSON rule in document order. At most
 * {@value #MAX_VIOLATIONS} are listed; past that a single {@code truncated} entry says there were more, so a body
 * of 100,000 bad values does not produce a response of 100,000 entries.
 *
 * <p>The body size and content type are checked separately ({@link #contentTypes()},
 * {@link BodyLimit}), because they are decided before the body is read.
 */
public final class RequestValidator {

    public static final int MAX_VIOLATIONS = 100;

    private record Named(String name, FieldRule rule) {
    }

    private record JsonRule(String name, JsonPath path, FieldRule rule) {
    }

    private final List<Named> path;
    private final List<Named> query;
    private final List<Named> header;
    private final List<JsonRule> json;
    private final Long maxBodySize;
    private final ContentTypes contentTypes;
    private final JsonLimits jsonLimits;
    private final JsonBodyParser jsonParser;

    /** @throws IllegalArgumentException for a malformed JSON path or content type */
    public RequestValidator(RouteValidation validation, JsonLimits jsonLimits) {
        this.path = sorted(validation.path());
        this.query = sorted(validation.query());
        this.header = sorted(validation.header());
        List<JsonRule> rules = new ArrayList<>();
        for (Named named : sorted(validation.json())) {
            rules.add(new JsonRule(named.name(), JsonPath.parse(named.name()), named.rule()));
        }
        this.json = List.copyOf(rules);
        this.maxBodySize = validation.maxBodySize();
        this.contentTypes = new ContentTypes(validation.contentTypes());
        this.jsonLimits = jsonLimits;
        this.jsonParser = new JsonBodyParser(jsonLimits);
    }

    public RequestValidator(RouteValidation validation) {
        this(validation, JsonLimits.DEFAULT);
    }

    private static List<Named> sorted(Map<String, FieldRule> rules) {
        return rules.entrySet().stream()
                .map(e -> new Named(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Named::name))
                .toList();
    }

    /** Whether the body must be read and parsed before the app runs: only routes with JSON rules. */
    public boolean needsBody() {
        return !json.isEmpty();
    }

    /** The route's body limit in bytes, or {@code null}. */
    public Long maxBodySize() {
        return maxBodySize;
    }

    public ContentTypes contentTypes() {
        return contentTypes;
    }

    /** @return every violation (empty when the request is valid), in the documented order */
    public List<Violation> validate(RequestValues values) {
        return validate(values, Json.FROM_CALLER, null);
    }

    /**
     * Parses {@code body} within the JSON limits, then checks everything: {@code values.json()} is ignored. An empty
     * body counts as absent (required JSON rules fail, optional ones pass); a body that is not acceptable JSON is
     * one {@code json} violation in place of the JSON rules, which cannot be judged on it.
     */
    public List<Violation> validate(RequestValues values, byte[] body, int offset, int length) {
        if (json.isEmpty() || length == 0) {
            return validate(withJson(values, null), Json.FROM_CALLER, null);
        }
        try {
            return validate(withJson(values, jsonParser.parse(body, offset, length)), Json.PARSED_HERE, null);
        } catch (JsonBodyParser.InvalidJsonException e) {
            return validate(withJson(values, null), Json.UNUSABLE, e.violation());
        }
    }

    /**
     * Checks the path, query and header rules only: for a request that carries no body and is not meant to (a GET on
     * a route whose POST has JSON rules), where every required JSON field would otherwise be reported missing.
     */
    public List<Violation> validateWithoutJson(RequestValues values) {
        return validate(values, Json.NOT_JUDGED, null);
    }

    /** Where the body's tree came from, which decides what is left to check about it. */
    private enum Json {
        /** {@code values.json()} as the caller gave it (null: no body): checked against the limits first. */
        FROM_CALLER,
        /** Built by this validator's parser, already within the limits. */
        PARSED_HERE,
        /** Not acceptable JSON: one violation stands in for the JSON rules. */
        UNUSABLE,
        /** The JSON rules do not apply to this request. */
        NOT_JUDGED
    }

    private static RequestValues withJson(RequestValues values, JsonNode json) {
        return new RequestValues(values.query(), values.path(), values.headers(), json);
    }

    /** @param unusable the violation for an {@link Json#UNUSABLE} body */
    private List<Violation> validate(RequestValues values, Json body, Violation unusable) {
        Collector out = new Collector();
        // indexed loops over the route's fixed lists: an iterator per list per request adds up on every request
        for (int i = 0; i < path.size(); i++) {
            Named rule = path.get(i);
            FieldValidator.checkText("path", rule.name(), values.path().get(rule.name()), rule.rule(), out);
        }
        for (int i = 0; i < query.size(); i++) {
            Named rule = query.get(i);
            checkAll("query", rule, values.query().get(rule.name()), out);
        }
        for (int i = 0; i < header.size(); i++) {
            Named rule = header.get(i);
            checkAll("header", rule, headerValues(values.headers(), rule.name()), out);
        }
        if (body == Json.UNUSABLE) {
            out.add(unusable);
        } else if (body != Json.NOT_JUDGED && !json.isEmpty()) {
            checkJson(values.json(), body == Json.FROM_CALLER, out);
        }
        return out.result();
    }

    private static void checkAll(String source, Named rule, List<String> values, Collector out) {
        if (values == null || values.isEmpty()) {
            FieldValidator.checkText(source, rule.name(), null, rule.rule(), out);
            return;
        }
        for (String value : values) {
            FieldValidator.checkText(source, rule.name(), value, rule.rule(), out);
        }
    }

    private static List<String> headerValues(Map<String, List<String>> headers, String name) {
        List<String> found = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                if (found == null) {
                    found = new ArrayList<>(e.getValue());
                } else {
                    found.addAll(e.getValue());
                }
            }
        }
        return found;
    }

    private void checkJson(JsonNode body, boolean checkLimits, Collector out) {
        if (body == null) {
            for (int i = 0; i < json.size(); i++) {
                JsonRule rule = json.get(i);
                FieldValidator.checkJson("json", rule.name(), null, rule.rule(), out);
            }
            return;
        }
        String exceeded = checkLimits ? jsonLimits.exceededBy(body) : null;
        if (exceeded != null) {
            out.add(new Violation("json", "$", "json", "body " + exceeded, null));
            return;
        }
        for (int i = 0; i < json.size(); i++) {
            JsonRule rule = json.get(i);
            rule.path().walk(body, new JsonPath.Visitor() {
                @Override
                public void found(String concretePath, JsonNode value) {
                    FieldValidator.checkJson("json", concretePath, value, rule.rule(), out);
                }

                @Override
                public void absent(String concretePath) {
                    FieldValidator.checkJson("json", concretePath, null, rule.rule(), out);
                }
            });
        }
    }

    /** A list that stops growing at the cap and remembers that it did. */
    private static final class Collector extends ArrayList<Violation> {
        private boolean truncated;

        @Override
        public boolean add(Violation violation) {
            if (size() >= MAX_VIOLATIONS) {
                truncated = true;
                return false;
            }
            return super.add(violation);
        }

        List<Violation> result() {
            if (truncated) {
                super.add(new Violation("request", "*", "truncated",
                        "more than " + MAX_VIOLATIONS + " violations; the rest are not listed", null));
            }
            return List.copyOf(this);
        }
    }
}
