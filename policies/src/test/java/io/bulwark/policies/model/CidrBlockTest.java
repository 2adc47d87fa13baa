package io.bulwark.policies.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.policies.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one address-block type: parsed strictly from the policy, matched against the client addresses the engine sees. */
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
            "::ffff:127.0.0.1/128, 127.0.0.1, true",
            "::ffff:127.0.0.1/128, ::ffff:127.0.0.1, true",
            "::ffff:10.0.0.0/104, 10.9.8.7, true",
            "::ffff:10.0.0.0/104, 11.0.0.1, false",
    })
    void containsExactlyItsRange(String block, String address, boolean expected) throws InvalidValueException {
        assertThat(CidrBlock.parse(block).contains(IpAddress.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8",
            "10.0.0.0/a", "example.com/24", "localhost", "192.168.1.10/24", "2001:db8::1/32", "fe80::1%eth0/64",
            "10.0.0.0/0008", "10.0.0.0/08", "010.0.0.1", "10.1", "256.0.0.1", "1::2::3", "1:2:3:4:5:6:7:8:9",
            "12345::", " 10.0.0.0/8", "::ffff:10.0.0.0/95"})
    void refusesMalformedOrAmbiguousRanges(String text) {
        assertThatThrownBy(() -> CidrBlock.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void explainsHostBitsInTheMessage() {
        assertThatThrownBy(() -> CidrBlock.parse("192.168.1.10/24")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("beyond the /24 prefix");
    }

    @Test
    void aBareAddressIsABlockOfOneAndPrintsAsWritten() throws InvalidValueException {
        assertThat(CidrBlock.parse("127.0.0.1")).isEqualTo(CidrBlock.parse("127.0.0.1/32"))
                .hasToString("127.0.0.1");
        assertThat(CidrBlock.parse("::ffff:10.0.0.0/104")).isEqualTo(CidrBlock.parse("10.0.0.0/8"));
        assertThat(CidrBlock.parse("::1").contains(null)).isFalse();
    }
}
