package io.bulwark.bootstrap;

import java.security.Principal;

/**
 * The caller the agent authenticated, as {@code HttpServletRequest.getUserPrincipal()} returns it when the container
 * itself knows no user. Lives here because the advice that returns it is inlined into container classes, which see
 * only the bootstrap part of the agent.
 */
public final class BulwarkPrincipal implements Principal {

    private final String name;

    public BulwarkPrincipal(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a principal needs a name");
        }
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BulwarkPrincipal that && that.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
