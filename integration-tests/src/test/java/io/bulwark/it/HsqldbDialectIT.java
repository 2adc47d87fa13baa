package io.bulwark.it;

import java.nio.file.Path;
import java.util.List;

import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;

/** HSQLDB 2.7 in process, through HikariCP; the engine lexes it as standard SQL. */
class HsqldbDialectIT extends DatabaseDialectContract {

    @Override
    Database database(Path workDir) {
        return new Database("jdbc:hsqldb:mem:shop", "SA", "");
    }

    @Override
    String expectedDialect() {
        return "generic";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets /* c */ --", Leak.SECRET),
            DialectCase.attack("concat", "x' UNION SELECT \"SECRET\" FROM secrets --", Leak.SECRET));
    }
}
