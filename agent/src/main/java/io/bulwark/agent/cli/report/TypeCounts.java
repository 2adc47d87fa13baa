package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attacks per type, blocked and monitored apart. Types come from {@code event.action}, which a forged line can set
 * to anything: past {@code maxTypes} distinct types the rest are counted under one {@code other} row.
 */
final class TypeCounts {
    static final String OTHER_KEY = "other";

    /** One type's counts: events are log lines; requests weigh a folded rate-limit line by its count. */
    static final class Row {
        final String key;
        final String label;
        long blocked;
        long monitored;
        long requests;

        Row(String key, String label) {
            this.key = key;
            this.label = label;
        }

        long events() {
            return blocked + monitored;
        }
    }

    private final int maxTypes;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Row other = new Row(OTHER_KEY, "(other types)");

    TypeCounts(int maxTypes) {
        this.maxTypes = maxTypes;
    }

    void add(LogLine line) {
        AttackType type = AttackType.of(line.action);
        Row row = rows.get(type.key());
        if (row == null) {
            if (rows.size() >= maxTypes) {
                row = other;
            } else {
                row = new Row(type.key(), type.label());
                rows.put(type.key(), row);
            }
        }
        if (line.isBlocked()) {
            row.blocked++;
        } else {
            row.monitored++;
        }
        row.requests += line.occurrences();
    }

    /** Most events first; the {@code other} row last, and only when something was folded into it. */
    List<Row> rows() {
        List<Row> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparingLong(Row::events).reversed().thenComparing(r -> r.key));
        if (other.events() > 0) {
            out.add(other);
        }
        return out;
    }
}
