package io.bulwark.agent;

import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.routes.PathNormalizer;
import java.util.List;

/**
 * Runs the engines a request reaches once, on the warm-up thread, with made-up values: the app's first request then
 * does not pay for loading and first running them. Pure functions only: no bucket, block list or log is touched, so
 * the warm-up leaves no trace in what real requests see.
 */
final class RequestPathWarmup {

    private static final String SAMPLE_SQL = "SELECT id, name FROM products WHERE name = '' OR '1'='1' -- '";
    private static final Input SAMPLE_SQL_INPUT = Input.value(InputSource.QUERY, "q", "' OR '1'='1' --");
    private static final String[] SAMPLE_COMMAND = {"/bin/sh", "-c", "ping -c 1 x; id"};
    private static final Input SAMPLE_COMMAND_INPUT = Input.value(InputSource.QUERY, "host", "x; id");

    private RequestPathWarmup() {
    }

    /**
     * True when the engines found both sample attacks, as they must: a false answer means the engine is broken,
     * which the caller reports rather than leave unnoticed until the first real attack.
     */
    static boolean run() {
        PathNormalizer.normalize("/api/products/search");
        InjectionEngine engine = new InjectionEngine();
        Finding sql = engine.checkSql(SAMPLE_SQL, SqlDialect.GENERIC, List.of(SAMPLE_SQL_INPUT));
        Finding command = engine.checkCommand(SAMPLE_COMMAND, List.of(SAMPLE_COMMAND_INPUT));
        return sql != null && command != null;
    }
}
