package io.bulwark.agent;

/**
 * What the log says about the first refused request of a flood window: enough to tell who and where, captured when
 * the window opens, since the event itself is written only when the window closes.
 *
 * @param atMillis  wall-clock time of the refusal
 * @param ruleId    {@code rate-limit} or {@code brute-force}
 * @param limitName the refusing limit's name
 * @param userId    the authenticated caller, or null
 * @param blocked   false in monitor mode: the request was counted as refused but let through
 */
record RefusedRequest(long atMillis, boolean blocked, String ruleId, String limitName, String clientIp, String method, String path,
                      String query, String userAgent, String userId) {
}
