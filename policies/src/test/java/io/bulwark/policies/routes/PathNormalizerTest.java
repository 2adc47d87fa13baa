package io.bulwark.policies.routes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/admin, /admin",
            "//admin, /admin",
            "/./admin, /admin",
            "/x/%2e%2e/admin, /admin",
            "/x/%2E./admin, /admin",
            "/api;jsessionid=x/admin, /api/admin",
            "/admin;jsessionid=ABC, /admin",
            "/x/..;/admin, /admin",
            "/admin/, /admin",
            "/admin//, /admin",
            "/, /",
            "/., /",
            "/x/.., /",
            "/%61dmin, /admin",
            "/%2561dmin, /%61dmin",
            "/caf%C3%A9, /café",
            "/Admin, /Admin",
            "/a%3Bb, /a;b",
    })
    void normalises(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw))
                .isInstanceOfSatisfying(NormalizedPath.Valid.class, valid -> assertThat(valid.path()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "admin", "/..", "/../admin", "/x/../../admin", "/%2e%2e/admin",
            "/a%2Fb", "/a%2fb", "/a\\b", "/a%5Cb", "/a%00b", "/a%0Ab", "/a%7Fb",
            "/a%zz", "/a%4", "/a%", "/%C0%AE%C0%AE/admin", "/%C0%AF", "/%E0%80%AE", "/%FF", "/%ED%A0%80",
    })
    void refuses(String raw) {
        assertThat(PathNormalizer.normalize(raw)).isInstanceOf(NormalizedPath.Rejected.class);
    }

    @Test
    void rejectionReasonNeverEchoesThePath() {
        NormalizedPath result = PathNormalizer.normalize("/<script>%00");
        assertThat(result).isInstanceOfSatisfying(NormalizedPath.Rejected.class,
                rejected -> assertThat(rejected.reason()).doesNotContain("script"));
    }

    @Test
    void refusesOverlongPathsWithoutWorkingThroughThem() {
        String longPath = "/a".repeat(PathNormalizer.MAX_LENGTH);
        assertThat(PathNormalizer.normalize(longPath)).isInstanceOf(NormalizedPath.Rejected.class);
    }

    @Test
    void keepsDecodedSegmentsSeparate() {
        assertThat(PathNormalizer.normalize("/api/orders/%20x%2Ey/"))
                .isInstanceOfSatisfying(NormalizedPath.Valid.class,
                        valid -> assertThat(valid.segments()).containsExactly("api", "orders", " x.y"));
    }

    @Test
    void decodesRawNonAsciiAlongsideEscapes() {
        assertThat(PathNormalizer.normalize("/\uD83D\uDE00%20é"))
                .isInstanceOfSatisfying(NormalizedPath.Valid.class,
                        valid -> assertThat(valid.path()).isEqualTo("/\uD83D\uDE00 é"));
    }
}
