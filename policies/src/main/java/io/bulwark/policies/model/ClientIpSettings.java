package io.bulwark.policies.model;

import io.bulwark.policies.net.IpAddress;
import java.util.List;

/**
 * How the client's address is found.
 *
 * @param trustedProxies peers whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed; empty means
 *                       the socket peer is the client
 */
public record ClientIpSettings(List<CidrBlock> trustedProxies) {

    public ClientIpSettings {
        trustedProxies = Copies.list(trustedProxies);
    }

    /** Whether the socket peer may speak for the client. */
    public boolean isTrustedProxy(IpAddress peerAddress) {
        for (CidrBlock block : trustedProxies) {
            if (block.contains(peerAddress)) {
                return true;
            }
        }
        return false;
    }
}
