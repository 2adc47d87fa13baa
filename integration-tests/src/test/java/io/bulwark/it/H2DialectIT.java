package io.bulwark.it;

import java.nio.file.Path;
import java.util.List;

import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;

/** H2 2.3 in process, through HikariCP: H2 also reads {@code $$...$$} as a string. */
class H2DialectIT extends DatabaseDialectContract {

    @Override
    Database database(Path workDir) {
        return new Database("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    String expectedDialect() {
        return "h2";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets WHERE secret <> $$'$$ --", Leak.SECRET));
    }
}
