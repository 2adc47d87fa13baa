package io.bulwark.agent;

/**
 * A class the warm-up weaves and throws away: its method has the shape of a JDBC sink, so weaving it runs the
 * same weaving code the app's first hooked class will.
 */
final class WarmupTarget {

    void execute(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException();
        }
    }
}
