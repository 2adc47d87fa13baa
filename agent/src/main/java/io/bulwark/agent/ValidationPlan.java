package io.bulwark.agent;

import io.bulwark.policies.model.Validation;
import io.bulwark.policies.model.ValidationRule;
import io.bulwark.policies.validation.FieldRule;
import io.bulwark.policies.validation.FieldType;
import io.bulwark.policies.validation.LinearPattern;
import io.bulwark.policies.validation.RequestValidator;
import io.bulwark.policies.validation.RouteValidation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route's {@code validate} block made ready for entry: the engine's validator, plus the query and header names
 * its rules read, so entry gathers only those (never the whole parameter map, which would consume a form body).
 *
 * @param validator   the compiled rules
 * @param queryNames  query parameters some rule names
 * @param headerNames headers some rule names, as written in the policy (matched case-insensitively)
 */
record ValidationPlan(RequestValidator validator, Set<String> queryNames, Set<String> headerNames) {

    ValidationPlan {
        queryNames = Set.copyOf(queryNames);
        headerNames = Set.copyOf(headerNames);
    }

    /**
     * @return null for a route with nothing to validate
     * @throws IllegalArgumentException for a rule the engine refuses (contradicting bounds, a pattern the
     *                                  linear-time matcher cannot run, a malformed JSON path or media type)
     */
    static ValidationPlan from(Validation validate) {
        if (validate == null) {
            return null;
        }
        RouteValidation engineForm = new RouteValidation(rules(validate.query()), rules(validate.path()),
                rules(validate.header()), rules(validate.json()),
                validate.maxBodySize() == null ? null : validate.maxBodySize().bytes(), validate.contentTypes());
        return new ValidationPlan(new RequestValidator(engineForm), validate.query().keySet(),
                validate.header().keySet());
    }

    private static Map<String, FieldRule> rules(Map<String, ValidationRule> model) {
        Map<String, FieldRule> converted = new LinkedHashMap<>();
        for (Map.Entry<String, ValidationRule> entry : model.entrySet()) {
            converted.put(entry.getKey(), rule(entry.getValue()));
        }
        return converted;
    }

    private static FieldRule rule(ValidationRule model) {
        List<String> allowed = model.allowedValues();
        return new FieldRule(FieldType.fromPolicyName(model.type().name().toLowerCase(java.util.Locale.ROOT)),
                model.required(), model.min(), model.max(), model.minLength(), model.maxLength(),
                model.pattern() == null ? null : LinearPattern.compile(model.pattern()),
                allowed == null ? List.of() : allowed);
    }

    /** Whether the body must be read before the app runs: the route has JSON rules. */
    boolean needsBody() {
        return validator.needsBody();
    }

    Long maxBodySize() {
        return validator.maxBodySize();
    }

    /**
     * How much body entry reads for JSON rules: the route's {@code maxBodySize}, else 1 MiB. That is ample for an API
     * request's JSON and small enough that a few hundred requests in flight cannot exhaust a default heap; a route
     * that takes larger JSON says so with {@code maxBodySize}.
     */
    long jsonBodyCap() {
        Long declared = validator.maxBodySize();
        return declared != null ? declared : DEFAULT_JSON_BODY_CAP;
    }

    static final long DEFAULT_JSON_BODY_CAP = 1L << 20;
}
