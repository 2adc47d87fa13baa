package io.bulwark.policies.net;

import static io.bulwark.policies.net.ClientIpResolver.ForwardingHeader.FORWARDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.model.CidrBlock;
import io.bulwark.policies.model.InvalidValueException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    private static final List<CidrBlock> PROXIES = List.of(block("10.0.0.0/8"), block("127.0.0.1"),
            block("2001:db8:ffff::/48"));

    private final ClientIpResolver xff = new ClientIpResolver(PROXIES);
    private final ClientIpResolver rfc7239 = new ClientIpResolver(PROXIES, FORWARDED);

    @Test
    void untrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(xff.resolve("203.0.113.5", List.of("1.1.1.1"), List.of("for=1.1.1.1"))).isEqualTo("203.0.113.5");
        assertThat(rfc7239.resolve("203.0.113.5", List.of("1.1.1.1"), List.of("for=1.1.1.1")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void peerIsCanonicalised() {
        assertThat(xff.resolve("0:0:0:0:0:0:0:1", List.of(), List.of())).isEqualTo("::1");
        assertThat(xff.resolve("::ffff:198.51.100.4", List.of(), List.of())).isEqualTo("198.51.100.4");
        assertThat(xff.resolve("[2001:db8::7]", List.of(), List.of())).isEqualTo("2001:db8::7");
    }

    @Test
    void peerThatIsNotAnAddressIsReturnedAsIs() {
        assertThat(xff.resolve("/run/app.sock", List.of("1.1.1.1"), List.of())).isEqualTo("/run/app.sock");
        assertThat(xff.resolve(null, List.of(), List.of())).isEmpty();
    }

    @Test
    void trustedPeerWithoutHeaderIsTheClient() {
        assertThat(xff.resolve("10.0.0.2", List.of(), List.of())).isEqualTo("10.0.0.2");
        assertThat(xff.resolve("10.0.0.2", null, null)).isEqualTo("10.0.0.2");
    }

    @Test
    void rightmostUntrustedHopOfXForwardedFor() {
        assertThat(xff.resolve("10.0.0.2", List.of("198.51.100.7"), List.of())).isEqualTo("198.51.100.7");
        // The client forged the leftmost two; the proxies appended the rest.
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6, 10.9.9.9, 198.51.100.7, 10.0.0.3"), List.of()))
                .isEqualTo("198.51.100.7");
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6", "198.51.100.7 ,10.0.0.3"), List.of()))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void xForwardedForEntriesWithPortsAndIpv6() {
        assertThat(xff.resolve("10.0.0.2", List.of("198.51.100.7:53211"), List.of())).isEqualTo("198.51.100.7");
        assertThat(xff.resolve("10.0.0.2", List.of("[2001:DB8::9]:443"), List.of())).isEqualTo("2001:db8::9");
        assertThat(xff.resolve("10.0.0.2", List.of("2001:db8::9"), List.of())).isEqualTo("2001:db8::9");
        assertThat(xff.resolve("10.0.0.2", List.of("2001:db8::9, 2001:db8:ffff::1"), List.of()))
                .isEqualTo("2001:db8::9");
    }

    @Test
    void everyHopTrustedMeansTheLeftmostIsTheClient() {
        assertThat(xff.resolve("10.0.0.2", List.of("10.1.1.1, 10.0.0.3"), List.of())).isEqualTo("10.1.1.1");
    }

    @Test
    void hopThatIsNotAnAddressStopsAtTheNearestTrustedHop() {
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6, unknown, 10.0.0.3"), List.of())).isEqualTo("10.0.0.3");
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6, <script>"), List.of())).isEqualTo("10.0.0.2");
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6, 1.2.3.4:99999"), List.of())).isEqualTo("10.0.0.2");
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6, example.com"), List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void emptyElementsAreSkipped() {
        assertThat(xff.resolve("10.0.0.2", List.of("198.51.100.7, , ,", " "), List.of())).isEqualTo("198.51.100.7");
    }

    @Test
    void onlyTheConfiguredHeaderIsRead() {
        // The proxy appends to X-Forwarded-For and passes the client's forged Forwarded through, and vice versa.
        assertThat(xff.resolve("10.0.0.2", List.of("198.51.100.7"), List.of("for=6.6.6.6"))).isEqualTo("198.51.100.7");
        assertThat(rfc7239.resolve("10.0.0.2", List.of("6.6.6.6"), List.of("for=198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(rfc7239.resolve("10.0.0.2", List.of("6.6.6.6"), List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void forwardedNodesQuotedBracketedWithPortsAndOtherParameters() {
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=\"[2001:db8:cafe::17]:4711\"")))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("For=\"198.51.100.7:80\";proto=https;by=10.0.0.2")))
                .isEqualTo("198.51.100.7");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("proto=http; for = 198.51.100.7 ;host=a")))
                .isEqualTo("198.51.100.7");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=198.51.100.7:_hidden")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedRightmostUntrustedAcrossElementsAndLines() {
        List<String> lines = List.of("for=6.6.6.6, for=\"[2001:db8::66]\"", "for=198.51.100.7;proto=https, for=10.0.0.3");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), lines)).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedUnknownOrObfuscatedStopsAtTheNearestTrustedHop() {
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=6.6.6.6, for=unknown, for=10.0.0.3")))
                .isEqualTo("10.0.0.3");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=6.6.6.6, for=_hidden")))
                .isEqualTo("10.0.0.2");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=6.6.6.6, proto=https"))).isEqualTo("10.0.0.2");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=\"6.6.6.6")))
                .isEqualTo("10.0.0.2");
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=unknown;for=6.6.6.6")))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void forgedQuoteLeftOfTheProxysElementCannotSwallowIt() {
        // The client sent `for="` and the proxy appended its own element to the same line.
        assertThat(rfc7239.resolve("10.0.0.2", List.of(), List.of("for=\"6.6.6.6, for=198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(xff.resolve("10.0.0.2", List.of("\"6.6.6.6, 198.51.100.7"), List.of())).isEqualTo("198.51.100.7");
    }

    @Test
    void hugeForgedHeaderIsNotParsedBeyondTheFirstUntrustedHop() {
        String forged = "6.6.6.6, ".repeat(200_000) + "198.51.100.7";
        long start = System.nanoTime();
        assertThat(xff.resolve("10.0.0.2", List.of(forged), List.of())).isEqualTo("198.51.100.7");
        assertThat(System.nanoTime() - start).isLessThan(50_000_000L);
    }

    @Test
    void workIsBoundedWhenEveryHopIsTrustedOrEmpty() {
        String trusted = "10.0.0.9, ".repeat(10_000) + "10.0.0.8";
        assertThat(xff.resolve("10.0.0.2", List.of(trusted), List.of())).isEqualTo(nthFromRight(ClientIpResolver.MAX_HOPS));
        String padding = ",".repeat(1_000_000);
        assertThat(xff.resolve("10.0.0.2", List.of("6.6.6.6" + padding), List.of())).isEqualTo("10.0.0.2");
        List<String> manyLines = Collections.nCopies(100_000, " ");
        assertThat(xff.resolve("10.0.0.2", manyLines, List.of())).isEqualTo("10.0.0.2");
    }

    private static String nthFromRight(int n) {
        return n == 1 ? "10.0.0.8" : "10.0.0.9";
    }

    @Test
    void trustCheckMatchesMappedPeers() {
        assertThat(xff.resolve("::ffff:10.0.0.2", List.of("198.51.100.7"), List.of())).isEqualTo("198.51.100.7");
        assertThat(xff.resolve("2001:db8:ffff::5", List.of("198.51.100.7"), List.of())).isEqualTo("198.51.100.7");
        assertThat(xff.resolve("2001:db8:fffe::5", List.of("198.51.100.7"), List.of())).isEqualTo("2001:db8:fffe::5");
    }

    private static CidrBlock block(String text) {
        try {
            return CidrBlock.parse(text);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
