package io.bulwark.policies.model;

import java.util.List;
import java.util.Map;

/**
 * A route's input validation; a request that breaks a rule is refused with 400.
 *
 * @param query        query parameters by name
 * @param path         path variables by {@code {name}}
 * @param header       headers by name (case-insensitive)
 * @param json         JSON body values by path ({@code $.customer.email})
 * @param maxBodySize  largest accepted body
 * @param contentTypes accepted media types ({@code application/json}, {@code text/*}); empty accepts any
 */
public record Validation(Map<String, ValidationRule> query, Map<String, ValidationRule> path,
                         Map<String, ValidationRule> header, Map<String, ValidationRule> json,
                         ByteSize maxBodySize, List<String> contentTypes) {

    public Validation {
        query = Copies.map(query);
        path = Copies.map(path);
        header = Copies.map(header);
        json = Copies.map(json);
        contentTypes = Copies.list(contentTypes);
    }
}
