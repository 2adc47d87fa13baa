package io.bulwark.policies.validation;

import java.util.List;

/**
 * One broken rule, as the problem+json response lists it and the attack log records it.
 *
 * @param source      {@code query}, {@code path}, {@code header}, {@code json} or {@code body}
 * @param name        the parameter or header name, or the concrete JSON path ({@code $.items[2].id}); for
 *                    {@code body} rules, {@code content-type} or {@code content-length}
 * @param rule        the policy field that was broken: {@code type}, {@code required}, {@code min}, {@code max},
 *                    {@code minLength}, {@code maxLength}, {@code pattern}, {@code enum}, {@code maxBodySize},
 *                    {@code contentTypes}, or {@code json} for a body that is not acceptable JSON
 * @param message     a short sentence for the client; never contains the value
 * @param valuePrefix at most {@value ValuePrefix#MAX_CODE_POINTS} code points of the bad value, escaped (see
 *                    {@link ValuePrefix}); {@code null} when the value is absent or must not be echoed (credentials)
 */
public record Violation(String source, String name, String rule, String message, String valuePrefix) {

    public static final String MAX_BODY_SIZE = "maxBodySize";
    public static final String CONTENT_TYPES = "contentTypes";

    /**
     * The status a request refused for these violations gets: 413 when the body is too large (the rest of it was
     * never read, so nothing else is reliable), else 415 for an unsupported content type, else 400.
     *
     * @throws IllegalArgumentException for an empty list: nothing to refuse
     */
    public static int httpStatus(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        boolean contentType = false;
        for (Violation v : violations) {
            if (MAX_BODY_SIZE.equals(v.rule())) {
                return 413;
            }
            contentType |= CONTENT_TYPES.equals(v.rule());
        }
        return contentType ? 415 : 400;
    }
}
