package io.bulwark.it.support;

import java.nio.file.Path;

/**
 * Attack inputs against the demo's deliberate flaws, shared by the tests that show them working without the agent
 * and blocked with it.
 */
public final class DemoAttacks {

    /** Search: breaks out of the LIKE literal; returns every product. */
    public static final String SEARCH_TAUTOLOGY = "' OR '1'='1";
    /** Search: matches nothing as text, everything as SQL, so its effect is unmistakable. */
    public static final String SEARCH_COMMENT_TAUTOLOGY = "nomatch' OR 1=1 --";
    /** Search: reads the secrets table into the product list. */
    public static final String SEARCH_UNION_SECRETS =
        "nomatch' UNION SELECT id, name, secret_value, 0, 0 FROM secrets --";
    /** Search: a stacked statement that drops the secrets table. */
    public static final String SEARCH_DROP_SECRETS = "x'; DROP TABLE secrets; --";
    /** Order by id: a numeric tautology; order 0 does not exist, yet an order comes back. */
    public static final String ORDER_ID_TAUTOLOGY = "0 OR 1=1";
    /** Product sort: a boolean oracle on the secrets table (descending iff it has rows). */
    public static final String SORT_ORACLE = "CASE WHEN (SELECT COUNT(*) FROM secrets) > 0 THEN -id ELSE id END";
    /** Login: comments out the password check. */
    public static final String LOGIN_BYPASS_USER = "admin' --";
    /** Order creation: a stacked statement inside the customer name of a JSON body. */
    public static final String ORDER_CUSTOMER_DROP = "eve', 1, 1, 'NEW'); DROP TABLE secrets; --";

    private DemoAttacks() {
    }

    /** Ping: runs a second command that creates the given file. */
    public static String pingTouch(Path marker) {
        return "127.0.0.1; touch " + marker;
    }
}
