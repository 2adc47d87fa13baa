package io.bulwark.instrumentation.jdbc;

import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * SQL sinks on whatever classes implement {@code java.sql.Statement} and {@code java.sql.Connection}, and the rows
 * read through {@code java.sql.ResultSet}.
 */
public final class JdbcModule implements InstrumentationModule {

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new JdbcStatementInstrumentation(), new JdbcConnectionInstrumentation(),
                new ResultSetInstrumentation());
    }
}
