package io.bulwark.policies.model;

/**
 * How much data one request may take out: rows read through JDBC and response bytes. Written on a route and in
 * {@code defaults}; a route's fields override the defaults' field by field (see {@link Policy#dataTransferFor}).
 *
 * @param maxRows          rows a request may read ({@code ResultSet.next()} returning true); null: no limit
 * @param maxResponseBytes response body bytes a request may write; null: no limit
 * @param mode             null follows {@code defaults.dataTransfer.mode}, then the top-level mode
 */
public record DataTransferSettings(Integer maxRows, ByteSize maxResponseBytes, Mode mode) {

    static final DataTransferSettings NONE = new DataTransferSettings(null, null, null);

    /** This route's fields, each falling back to {@code defaults} when absent. */
    DataTransferSettings over(DataTransferSettings defaults) {
        if (defaults == null) {
            return this;
        }
        return new DataTransferSettings(maxRows != null ? maxRows : defaults.maxRows,
                maxResponseBytes != null ? maxResponseBytes : defaults.maxResponseBytes,
                mode != null ? mode : defaults.mode);
    }

    public boolean limitsAnything() {
        return maxRows != null || maxResponseBytes != null;
    }
}
