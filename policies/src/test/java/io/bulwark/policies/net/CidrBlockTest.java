package io.bulwark.policies.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrBlockTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "192.168.4.0/22, 192.168.7.255, true",
            "192.168.4.0/22, 192.168.8.0, false",
            "192.168.4.0/22, 192.168.3.255, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "::/0, ::1, true",
            "::/0, 1.2.3.4, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "fc00::/7, fdff::1, true",
            "fd00::/8, fcff::1, false",
            "::1, 0:0:0:0:0:0:0:1, true",
            "10.0.0.0/8, ::ffff:10.0.0.1, true",
    })
    void containsExactlyItsRange(String block, String address, boolean expected) {
        assertThat(CidrBlock.parse(block).contains(IpAddress.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8",
            "10.0.0.0/a", "example.com/24", "192.168.1.10/24", "2001:db8::1/32", "fe80::1%eth0/64", "10.0.0.0/0008"})
    void refusesMalformedOrAmbiguousRanges(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse(text));
    }

    @Test
    void explainsHostBitsInTheMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse("192.168.1.10/24"))
                .withMessageContaining("192.168.1.10/24").withMessageContaining("beyond its /24 prefix");
    }

    @Test
    void printsCanonically() {
        assertThat(CidrBlock.parse(" 2001:DB8:0::/48 ")).hasToString("2001:db8::/48");
        assertThat(CidrBlock.parse("127.0.0.1")).hasToString("127.0.0.1/32")
                .isEqualTo(CidrBlock.parse("127.0.0.1/32"));
    }
}
