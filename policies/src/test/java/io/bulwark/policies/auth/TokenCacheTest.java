package io.bulwark.policies.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTest {

    private static final Object KEYS = new Object();
    private static final String SIGNATURE_TAIL = "Qx7_pLm2Vb9-ZrT4wYc8Nd1e";

    private final TokenCache<String> cache = new TokenCache<>(64);

    @Test
    void findsATokenInsideAnotherCopyOfItsHeader() {
        String header = "Bearer aaa.bbb." + SIGNATURE_TAIL;
        cache.put(header, 7, header.length(), "alice", 1_000, KEYS);

        String nextRequest = new String(header.toCharArray());
        assertThat(cache.get(nextRequest, 7, nextRequest.length(), 10, KEYS)).isEqualTo("alice");
        assertThat(cache.get("aaa.bbb." + SIGNATURE_TAIL, 10, KEYS)).as("the bare token").isEqualTo("alice");
        String otherScheme = "bearer   aaa.bbb." + SIGNATURE_TAIL;
        assertThat(cache.get(otherScheme, 9, otherScheme.length(), 10, KEYS)).isEqualTo("alice");
    }

    @Test
    void aTokenSharingTheSlotButNotTheTextIsAMiss() {
        // Same trailing characters, so the same slot: only the full compare tells the two apart.
        String verified = "Bearer aaa.bbb." + SIGNATURE_TAIL;
        String forged = "Bearer aaa.bbX." + SIGNATURE_TAIL;
        cache.put(verified, 7, verified.length(), "alice", 1_000, KEYS);

        assertThat(cache.get(forged, 7, forged.length(), 10, KEYS)).isNull();
        assertThat(cache.get(verified.substring(0, verified.length() - 1), 7, verified.length() - 1, 10, KEYS))
                .as("a prefix of the token").isNull();
        String longer = verified + "A";
        assertThat(cache.get(longer, 7, longer.length(), 10, KEYS)).as("the token and more").isNull();
    }

    @Test
    void theRegionIsComparedNotTheTextAroundIt() {
        String header = "Bearer aaa.bbb." + SIGNATURE_TAIL;
        cache.put(header, 7, header.length(), "alice", 1_000, KEYS);

        // Equal text, other region: the same string must not answer for a token it does not hold.
        assertThat(cache.get(header, 8, header.length(), 10, KEYS)).isNull();
    }

    @Test
    void honoursExpiryAndTheKeySnapshot() {
        String header = "Bearer aaa.bbb." + SIGNATURE_TAIL;
        cache.put(header, 7, header.length(), "alice", 1_000, KEYS);

        assertThat(cache.get(header, 7, header.length(), 999, KEYS)).isEqualTo("alice");
        assertThat(cache.get(header, 7, header.length(), 1_000, KEYS)).isNull();
        assertThat(cache.get(header, 7, header.length(), 10, new Object())).isNull();
    }

    @Test
    void aHeaderPaddedWithMuchMoreThanTheTokenIsStoredAsTheTokenAlone() {
        String token = "aaa.bbb." + SIGNATURE_TAIL;
        String padded = "Bearer " + " ".repeat(4_000) + token;
        cache.put(padded, padded.length() - token.length(), padded.length(), "alice", 1_000, KEYS);

        assertThat(cache.get(token, 10, KEYS)).isEqualTo("alice");
        assertThat(cache.get(padded, padded.length() - token.length(), padded.length(), 10, KEYS)).isEqualTo("alice");
    }

    @Test
    void aDisabledCacheRemembersNothing() {
        TokenCache<String> off = new TokenCache<>(0);
        off.put("aaa.bbb." + SIGNATURE_TAIL, "alice", 1_000, KEYS);

        assertThat(off.get("aaa.bbb." + SIGNATURE_TAIL, 10, KEYS)).isNull();
    }
}
