package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HookGapsTest {

    private static HookGaps.Snapshot snapshot(boolean servletOn, boolean jdbcOn, int entries, List<String> servers,
                                              int jdbcHooks, int connections, List<String> jdbcNames) {
        return new HookGaps.Snapshot(servletOn, jdbcOn, entries, List.of(), servers, jdbcHooks, connections,
                jdbcNames, false);
    }

    @Test
    void aServerWithNoHookedEntryIsAGapNamingTheServerAndThePolicy() {
        List<HookGaps.Gap> gaps = HookGaps.find(snapshot(false, true, 0,
                List.of("Tomcat (org.apache.catalina.connector.Connector)"), 0, 0, List.of()));
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.kind()).isEqualTo(HookGaps.Kind.SERVLET);
            assertThat(gap.message()).contains("Tomcat (org.apache.catalina.connector.Connector)")
                    .contains("NOT checked").contains("policy disables the servlet hooks");
        });
    }

    @Test
    void anUnsupportedServerIsNamedAsSuchWhenServletHooksAreOn() {
        List<HookGaps.Gap> gaps = HookGaps.find(snapshot(true, true, 0,
                List.of("Netty HTTP server (io.netty.handler.codec.http.HttpServerCodec)"), 0, 0, List.of()));
        assertThat(gaps).singleElement().extracting(HookGaps.Gap::message).asString()
                .contains("Netty HTTP server").contains("not a supported servlet container");
    }

    @Test
    void jdbcInUseWithNothingHookedIsAGapNamingTheDriver() {
        List<HookGaps.Gap> gaps = HookGaps.find(snapshot(true, false, 3, List.of("Jetty (x)"), 0, 1,
                List.of("org.h2.Driver", "org.h2.jdbc.JdbcConnection")));
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.kind()).isEqualTo(HookGaps.Kind.JDBC);
            assertThat(gap.message()).contains("org.h2.Driver").contains("SQL injection is NOT blocked")
                    .contains("disables the jdbc hooks");
        });
    }

    @Test
    void hookedEntriesAndDriversOrNothingRunningAreNoGap() {
        assertThat(HookGaps.find(snapshot(true, true, 2, List.of("Jetty (x)"), 5, 1, List.of("org.h2.Driver"))))
                .isEmpty();
        // a batch job: no server, a driver loaded but no connection opened yet
        assertThat(HookGaps.find(snapshot(true, true, 0, List.of(), 0, 0, List.of("org.h2.Driver")))).isEmpty();
    }

    @Test
    void theLedgerSaysWhenContextsOutliveTheirRequests() {
        ContextLedger ledger = new ContextLedger();
        ledger.opened();
        ledger.opened();
        ledger.closed();
        assertThat(ledger.summary()).isEqualTo("request contexts: 2 opened, 1 closed, 1 still open");
        ledger.closed();
        assertThat(ledger.summary()).isEqualTo("request contexts: 2 opened, 2 closed");
    }
}
