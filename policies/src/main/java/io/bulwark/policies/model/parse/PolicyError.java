package io.bulwark.policies.model.parse;

/**
 * One thing wrong with a policy file, located so that an editor can jump to it.
 *
 * @param file    the file name as given to the parser
 * @param line    1-based
 * @param column  1-based, in characters
 * @param field   where in the policy, like {@code routes[2].auth.scopes[0]}; {@code (root)} for the whole file
 * @param message what is wrong, for the policy's author; never echoes a secret
 */
public record PolicyError(String file, int line, int column, String field, String message) {

    /** {@code bulwark-policy.json:12:18: routes[2].auth.scopes[0]: scope must not contain spaces} */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + field + ": " + message;
    }
}
