package io.bulwark.agent;

import io.bulwark.policies.auth.Identity;

/**
 * What the entry checks found: who the client is, which route applies, who the caller is, and, when the request is
 * refused, the answer to send instead of running the app.
 *
 * @param clientIp the client address behind trusted proxies
 * @param route    the matched route (its plan's route is null when none matched)
 * @param identity the authenticated caller, or null
 * @param denial   null when the request may go on to the app
 */
record EntryOutcome(String clientIp, ActivePolicy.RouteMatch route, Identity identity, ProblemResponse denial) {

    static EntryOutcome admitted(String clientIp, ActivePolicy.RouteMatch route, Identity identity) {
        return new EntryOutcome(clientIp, route, identity, null);
    }

    static EntryOutcome denied(String clientIp, ActivePolicy.RouteMatch route, Identity identity,
                               ProblemResponse denial) {
        return new EntryOutcome(clientIp, route, identity, denial);
    }

    boolean isDenied() {
        return denial != null;
    }
}
