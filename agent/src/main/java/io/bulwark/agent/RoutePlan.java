package io.bulwark.agent;

import io.bulwark.policies.auth.AuthRequirement;
import io.bulwark.policies.model.Route;
import io.bulwark.policies.ratelimit.KeyPart;
import io.bulwark.policies.ratelimit.LimitSpec;
import java.util.List;

/**
 * What entry does for requests on one route, worked out once when the policy loads: the requirement in engine form
 * and the route's limits split by when they can run.
 *
 * @param route        the policy's route; null for requests that match none
 * @param label        the route's identity for {@code route}-keyed limits: its index and pattern
 * @param auth         who may call it
 * @param ipLimits     limits keyed by the client IP alone, checked before any credential is verified
 * @param callerLimits the others (apiKey, subject, route, header), checked once the caller is known
 * @param validation   the route's {@code validate} rules, or null
 */
record RoutePlan(Route route, String label, AuthRequirement auth, List<LimitSpec> ipLimits,
                 List<LimitSpec> callerLimits, ValidationPlan validation) {

    RoutePlan {
        ipLimits = List.copyOf(ipLimits);
        callerLimits = List.copyOf(callerLimits);
    }

    /**
     * Whether a caller limit is keyed on a header; only then do the limits need a way to read headers (a lambda
     * made per request).
     */
    boolean callerLimitsReadHeaders() {
        for (int i = 0; i < callerLimits.size(); i++) {
            List<KeyPart> parts = callerLimits.get(i).keyParts();
            for (int j = 0; j < parts.size(); j++) {
                if (parts.get(j).kind() == KeyPart.Kind.HEADER) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether entry has anything to do here besides matching. */
    boolean checksAnything() {
        return !(auth instanceof AuthRequirement.Public) || !ipLimits.isEmpty() || !callerLimits.isEmpty()
                || validation != null;
    }
}
