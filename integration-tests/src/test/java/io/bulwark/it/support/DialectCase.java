package io.bulwark.it.support;

/**
 * One value sent to {@code DatabaseApp}'s {@code GET /items/{endpoint}?name=}. {@code leaks} is what it gets out of
 * the database without the agent: for an attack, proof that it works there (so "blocked" means something); for a
 * benign value, null, and the answer under the agent must equal the one without.
 */
public record DialectCase(String endpoint, String value, Leak leaks) {

    public enum Leak {
        /** Every item, though no item has that name. */
        ALL_ITEMS,
        /** The secrets table's value. */
        SECRET
    }

    public static DialectCase attack(String endpoint, String value, Leak leaks) {
        return new DialectCase(endpoint, value, leaks);
    }

    public static DialectCase benign(String endpoint, String value) {
        return new DialectCase(endpoint, value, null);
    }

    public String path() {
        return "/items/" + endpoint;
    }

    @Override
    public String toString() {
        return endpoint + " " + value;
    }
}
