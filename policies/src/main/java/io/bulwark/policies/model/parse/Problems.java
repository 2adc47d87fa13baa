package io.bulwark.policies.model.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects errors for one file; reading and checking go on after each, so the author sees them all at once. */
final class Problems {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Position position, FieldPath field, String message) {
        errors.add(new PolicyError(file, position.line(), position.column(), field.toString(), message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** In file order, each distinct error once. */
    List<PolicyError> sorted() {
        return errors.stream().distinct()
                .sorted(Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column))
                .toList();
    }
}
