package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "proxy-authorization", "COOKIE", "Set-Cookie", "X-API-Key",
            "X-Auth-Token", "X-Session-Id"})
    void credentialHeadersAreRedactedWhole(String header) {
        assertThat(redactor.header(header, "Basic dXNlcjpodW50ZXIy")).isEqualTo(Redactor.REDACTED);
    }

    @Test
    void otherHeadersKeepTheirValueButNotTheirTokens() {
        String jwt = TestJwts.hs256("alice");

        assertThat(redactor.header("User-Agent", "curl/8.5")).isEqualTo("curl/8.5");
        assertThat(redactor.header("Referer", "https://x/?t=" + jwt)).isEqualTo("https://x/?t=[REDACTED-JWT]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "new_password", "passwd", "pwd", "client_secret", "token", "api_key",
            "apikey", "api-key", "access_token", "refresh_token", "Authorization", "session", "JSESSIONID",
            "credentials", "$.user.password", "sid", "code", "csrf"})
    void secretLookingNamesAreRedacted(String name) {
        assertThat(redactor.named(name, "hunter2")).isEqualTo(Redactor.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q", "id", "author", "sort", "country_code", "keyword", "description"})
    void ordinaryNamesKeepTheirValue(String name) {
        assertThat(redactor.named(name, "1' OR '1'='1")).isEqualTo("1' OR '1'='1");
    }

    @Test
    void thePolicysApiKeyNameIsRedactedAsHeaderAndAsParameter() {
        Redactor withKey = new Redactor(List.of("X-Orders-Client", "client"), 256);

        assertThat(withKey.header("x-orders-client", "k-123")).isEqualTo(Redactor.REDACTED);
        assertThat(withKey.named("client", "k-123")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.header("X-Orders-Client", "k-123")).isEqualTo("k-123");
    }

    @Test
    void inputsAreRedactedByTheirSource() {
        assertThat(redactor.input("header", "Cookie", "JSESSIONID=abc")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.input("query", "password", "x")).isEqualTo(Redactor.REDACTED);
        assertThat(redactor.input("json", "$.filter", "a' --")).isEqualTo("a' --");
    }

    @Test
    void queryStringsLoseSecretValuesAndTokensButKeepTheRest() {
        String jwt = TestJwts.es256("alice");
        String raw = "q=1%27+OR+1%3D1&access_token=" + jwt + "&pass%77ord=hunter2&next=/a?x=" + jwt + "&flag";

        String out = redactor.query(raw, 1024);

        assertThat(out).isEqualTo("q=1%27+OR+1%3D1&access_token=[REDACTED]&pass%77ord=[REDACTED]"
                + "&next=/a?x=[REDACTED-JWT]&flag");
    }

    @Test
    void valuesAreCapped() {
        String out = redactor.named("q", "x".repeat(1000));

        assertThat(out).isEqualTo("x".repeat(256) + "…[+744]");
    }
}
