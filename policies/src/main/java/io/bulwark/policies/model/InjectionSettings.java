package io.bulwark.policies.model;

import java.util.List;

/**
 * SQL and shell injection detection at the sinks.
 *
 * @param sql          mode for SQL sinks; null follows the top-level mode
 * @param shell        mode for process start; null follows the top-level mode
 * @param maxScanBytes how much of a request body is inspected
 * @param oversize     what happens to a body larger than that
 * @param allow        inputs exempt on every route
 */
public record InjectionSettings(Mode sql, Mode shell, ByteSize maxScanBytes, Oversize oversize,
                                List<InputRef> allow) {

    public static final ByteSize DEFAULT_MAX_SCAN_BYTES = ByteSize.of("1MB");
    public static final Oversize DEFAULT_OVERSIZE = Oversize.PASS;

    public InjectionSettings {
        maxScanBytes = maxScanBytes == null ? DEFAULT_MAX_SCAN_BYTES : maxScanBytes;
        oversize = oversize == null ? DEFAULT_OVERSIZE : oversize;
        allow = Copies.list(allow);
    }

    static InjectionSettings defaults() {
        return new InjectionSettings(null, null, null, null, null);
    }
}
