package io.bulwark.policies.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:DB8::1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "1::, 1::",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "2001:db8:1:1:1:1:1:1, 2001:db8:1:1:1:1:1:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "::ffff:192.0.2.7, 192.0.2.7",
            "::FFFF:c000:0207, 192.0.2.7",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "fe80::1%eth0, fe80::1",
    })
    void parsesLiteralsToCanonicalText(String literal, String canonical) {
        IpAddress address = IpAddress.parse(literal);
        assertThat(address).isNotNull();
        assertThat(address.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4.",
            "-1.2.3.4", "1.2.3.4%eth0", "a.b.c.d", "localhost", "example.com", ":1", "1:", "1:::2", "1::2::3",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "[::1]",
            "\uff11.2.3.4", "1:2:3:4:5:6:7:8::", "unknown", "_hidden"})
    void refusesWhatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongInputWithoutLookingAtIt() {
        assertThat(IpAddress.parse("1".repeat(100_000))).isNull();
        assertThat(IpAddress.parse((String) null)).isNull();
    }

    @org.junit.jupiter.api.Test
    void mappedAndPlainIpv4AreTheSameClient() {
        assertThat(IpAddress.parse("::ffff:10.1.2.3")).isEqualTo(IpAddress.parse("10.1.2.3"));
        assertThat(IpAddress.parse("::ffff:10.1.2.3").isIpv4()).isTrue();
        assertThat(IpAddress.parse("0:0:0:0:0:0:0:1")).isEqualTo(IpAddress.parse("::1"))
                .hasSameHashCodeAs(IpAddress.parse("::1"));
    }
}
