package io.bulwark.policies.auth;

/** What an authenticator decided about one presented credential. */
public sealed interface AuthResult {

    record Authenticated(Identity identity) implements AuthResult {
    }

    /**
     * @param failure why
     * @param subject the subject when it is known and trustworthy (the signature was valid, e.g. an expired token);
     *                null otherwise: an unverified {@code sub} is attacker-chosen and must not be logged as a user
     */
    record Rejected(AuthFailure failure, String subject) implements AuthResult {

        public String description() {
            return failure.description();
        }
    }

    static AuthResult rejected(AuthFailure failure) {
        return new Rejected(failure, null);
    }
}
