package io.bulwark.it;

import java.nio.file.Path;
import java.util.List;

import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;

/**
 * SQLite (xerial driver, native library from the jar) on a file, with no pool: SQLite also quotes identifiers with
 * brackets and backticks. No pool on purpose: the xerial driver declares {@code executeQuery} in
 * {@code JDBC3Statement}, which does not itself implement {@code java.sql.Statement} (its subclass does), so this
 * proves the hook reaches methods a driver declares in such a base class.
 */
class SqliteDialectIT extends DatabaseDialectContract {

    @Override
    Database database(Path workDir) {
        return new Database("jdbc:sqlite:" + workDir.resolve("shop.db"), "", "");
    }

    @Override
    String pool() {
        return "none";
    }

    @Override
    String expectedDialect() {
        return "sqlite";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT [secret] FROM secrets --", Leak.SECRET),
            DialectCase.attack("concat", "x' UNION SELECT `secret` FROM secrets --", Leak.SECRET),
            DialectCase.benign("concat", "[not] `an identifier`"));
    }
}
