package io.bulwark.policies.model.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of error, with its exact line, column, field and message. Policies are written one field per line
 * where the column matters, so the expected columns can be checked by eye.
 */
class PolicyParserErrorsTest {

    private static final String FILE = "bulwark-policy.json";

    private static List<String> errors(String json) {
        PolicyParseResult result = PolicyParser.parse(json, FILE);
        assertThat(result.isValid()).as("expected errors").isFalse();
        assertThat(result.policy()).isEmpty();
        return result.errors().stream().map(PolicyError::toString).toList();
    }

    /** A policy with authentication, so that routes may require credentials. */
    private static String withAuth(String rest) {
        return "{\"version\": 1,\n\"authentication\": {\"apiKeys\": {\"keys\": []}},\n" + rest + "\n}";
    }

    @Test
    void reportsEveryErrorInTheFileNotJustTheFirst() {
        assertThat(errors("""
                {
                  "version": 1,
                  "mode": "blocked",
                  "log": { "maxFiles": "10" },
                  "routes": [ { "path": "api/orders" } ]
                }""")).containsExactly(
                FILE + ":3:11: mode: must be one of block, monitor, off",
                FILE + ":4:24: log.maxFiles: expected a whole number, got a string",
                FILE + ":5:25: routes[0].path: path must start with '/'");
    }

    @Test
    void errorHasTheDocumentedForm() {
        PolicyError error = new PolicyError(FILE, 12, 18, "routes[2].auth.scopes[0]", "scope must not contain spaces");
        assertThat(error).hasToString("bulwark-policy.json:12:18: routes[2].auth.scopes[0]: scope must not contain spaces");
    }

    @Test
    void syntaxErrorReportsTheParsersLocation() {
        assertThat(errors("""
                {
                  "version": 1,
                  "mode": "block",,
                }""")).containsExactly(FILE + ":3:19: (root): invalid JSON: Unexpected character (',' (code 44)): "
                + "was expecting double-quote to start field name");
    }

    @Test
    void emptyFileAndTrailingContentAreErrors() {
        assertThat(errors("  ")).containsExactly(FILE + ":1:1: (root): the file is empty; a policy is a JSON object");
        assertThat(errors("{\"version\": 1} {}")).containsExactly(
                FILE + ":1:16: (root): unexpected content after the policy object");
        assertThat(errors("[1]")).containsExactly(FILE + ":1:1: (root): expected an object, got a list");
    }

    @Test
    void unknownFieldsAreErrorsAtTheKey() {
        assertThat(errors("""
                {
                  "version": 1,
                  "injection": { "sqll": "block" }
                }""")).containsExactly(FILE + ":3:18: injection.sqll: unknown field; expected one of sql, shell, "
                + "maxScanBytes, oversize, allow");
    }

    @Test
    void inlineSecretsGetAPointedMessage() {
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "apiKeys": { "keys": [
                    { "id": "batch", "key": "s3cr3t-value" }
                  ] } }
                }""")).containsExactly(
                FILE + ":4:5: authentication.apiKeys.keys[0].sha256: required field is missing",
                FILE + ":4:22: authentication.apiKeys.keys[0].key: unknown field; secrets never sit inline in the "
                        + "policy (API keys are given by sha256, JWT keys by jwks)");
    }

    @Test
    void noCoercionBetweenJsonTypes() {
        assertThat(errors("""
                {
                  "version": 1,
                  "rateLimits": { "per-ip": { "key": "ip", "limit": "100", "per": "1m" } },
                  "log": { "path": 42 },
                  "transport": { "requireHttps": "true" },
                  "clientIp": { "trustedProxies": "10.0.0.0/8" }
                }""")).containsExactly(
                FILE + ":3:53: rateLimits.per-ip.limit: expected a whole number, got a string",
                FILE + ":4:20: log.path: expected a string, got a number",
                FILE + ":5:34: transport.requireHttps: expected true or false, got a string",
                FILE + ":6:35: clientIp.trustedProxies: expected a list, got a string");
    }

    @Test
    void nullAndFractionsAreNotValues() {
        assertThat(errors("""
                {
                  "version": 1,
                  "mode": null,
                  "log": { "maxFiles": 2.5 }
                }""")).containsExactly(
                FILE + ":3:11: mode: null is not allowed; leave the field out instead",
                FILE + ":4:24: log.maxFiles: expected a whole number, got a fraction or exponent");
    }

    @Test
    void numbersKeepTheirValueAndAnExponentBeyondRangeIsAnErrorNotACrash() {
        PolicyParseResult parsed = PolicyParser.parse("""
                {
                  "version": 1,
                  "log": { "maxFiles": -0 },
                  "rateLimits": { "a": { "key": "ip", "limit": 1E+2, "per": "1s" } }
                }""", FILE);
        assertThat(parsed.errors()).extracting(PolicyError::toString).containsExactly(
                FILE + ":3:24: log.maxFiles: maxFiles must be at least 1",
                FILE + ":4:48: rateLimits.a.limit: expected a whole number, got a fraction or exponent");
        assertThat(errors("""
                {
                  "version": 1,
                  "log": { "maxFiles": 12345678901234567890 }
                }""")).containsExactly(FILE + ":3:24: log.maxFiles: number is too large");
        // reading the tree stops being trustworthy there, like after a syntax error: only that error is reported
        assertThat(errors("""
                {
                  "version": 1e9999999999,
                  "mode": "blocked"
                }""")).containsExactly(FILE + ":2:14: version: number is out of range");
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondKey() {
        assertThat(errors("""
                {
                  "version": 1,
                  "mode": "block",
                  "mode": "off"
                }""")).containsExactly(FILE + ":4:3: mode: duplicate key; first set at line 3, column 3");
    }

    @Test
    void versionIsRequiredAndMustBeOne() {
        assertThat(errors("{\"mode\": \"block\"}"))
                .containsExactly(FILE + ":1:1: version: version is required; write \"version\": 1");
        assertThat(errors("{\"version\": 2}"))
                .containsExactly(FILE + ":1:13: version: unsupported version; this agent reads version 1");
    }

    @Test
    void badDurationsAndSizes() {
        assertThat(errors("""
                {
                  "version": 1,
                  "store": { "redis": "redis://cache:6379",
                    "timeout": "50" },
                  "log": {
                    "maxFileSize": "10mb" },
                  "injection": {
                    "maxScanBytes": "1.5MB" },
                  "rateLimits": { "a": { "key": "ip", "limit": 1,
                    "per": "1 minute" } }
                }""")).containsExactly(
                FILE + ":4:16: store.timeout: duration needs a unit (ms, s, m, h, d), like 50s",
                FILE + ":6:20: log.maxFileSize: unknown size unit; use B, KB, MB or GB (upper case)",
                FILE + ":8:21: injection.maxScanBytes: unknown size unit; use B, KB, MB or GB (upper case)",
                FILE + ":10:12: rateLimits.a.per: unknown duration unit; use ms, s, m, h or d");
    }

    @Test
    void badAddressBlocks() {
        assertThat(errors("""
                {
                  "version": 1,
                  "clientIp": { "trustedProxies": [
                    "10.1.2.3/8",
                    "proxy.internal",
                    "2001:db8::/129",
                    "fe80::1%eth0"
                  ] }
                }""")).containsExactly(
                FILE + ":4:5: clientIp.trustedProxies[0]: address has bits set beyond the /8 prefix",
                FILE + ":5:5: clientIp.trustedProxies[1]: not an IP address: expected a.b.c.d or an IPv6 address",
                FILE + ":6:5: clientIp.trustedProxies[2]: prefix length must be a number from 0 to 128",
                FILE + ":7:5: clientIp.trustedProxies[3]: IPv6 zone ids (%...) are not allowed in an address block");
    }

    @Test
    void badPathPatternsScopesAndMethods() {
        assertThat(errors(withAuth("""
                "routes": [
                  { "path": "/api/orders*" },
                  { "path": "/a/**/b/**" },
                  { "path": "/x", "methods": ["get"],
                    "auth": { "scopes": ["orders read"] } }
                ]"""))).containsExactly(
                FILE + ":4:13: routes[0].path: '*' and '**' must be a whole path segment",
                FILE + ":5:13: routes[1].path: path may contain '**' only once",
                FILE + ":6:31: routes[2].methods[0]: method must be an upper-case HTTP method, like GET",
                FILE + ":7:26: routes[2].auth.scopes[0]: scope must not contain spaces");
    }

    @Test
    void badEnumValues() {
        assertThat(errors("""
                {
                  "version": 1,
                  "store": { "redis": "redis://cache:6379",
                    "onFailure": "open" },
                  "injection": {
                    "oversize": "drop" },
                  "instrumentation": {
                    "disabled": ["jdbc", "http"] }
                }""")).containsExactly(
                FILE + ":4:18: store.onFailure: must be one of allow, deny",
                FILE + ":6:17: injection.oversize: must be one of pass, reject",
                FILE + ":8:26: instrumentation.disabled[1]: must be one of servlet, jdbc, process, concurrent");
    }

    @Test
    void routeNamingAnUndefinedRateLimit() {
        assertThat(errors("""
                {
                  "version": 1,
                  "rateLimits": { "per-ip": { "key": "ip", "limit": 100, "per": "1m" } },
                  "defaults": { "rateLimits": ["per-ip", "per-user"] },
                  "routes": [ { "path": "/a",
                    "rateLimits": ["per-ip", "per-ip"] } ]
                }""")).containsExactly(
                FILE + ":4:42: defaults.rateLimits[1]: no rate limit named 'per-user' in rateLimits",
                FILE + ":6:30: routes[0].rateLimits[1]: rate limit listed twice");
    }

    @Test
    void jwtNeedsJwksFromAFileOrHttps() {
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "jwt": { "issuer": "https://auth.example.com/" } }
                }""")).containsExactly(
                FILE + ":3:30: authentication.jwt.jwks: jwt needs jwks: file:PATH or an https:// URL");
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "jwt": {
                    "jwks": "http://auth.example.com/jwks.json",
                    "algorithms": ["none"] } }
                }""")).containsExactly(
                FILE + ":4:13: authentication.jwt.jwks: jwks must be file:PATH or an https:// URL",
                FILE + ":5:20: authentication.jwt.algorithms[0]: algorithm must be one of RS256, RS384, RS512, "
                        + "PS256, PS384, PS512, ES256, ES256K, ES384, ES512, EdDSA, Ed25519, HS256, HS384, HS512");
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "jwt": {
                    "jwks": "{\\"keys\\": []}" } }
                }""")).containsExactly(FILE + ":4:13: authentication.jwt.jwks: jwks must not be inline; put the keys "
                + "in a file and write file:PATH");
    }

    @Test
    void apiKeyChecks() {
        String good = "a".repeat(64);
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "apiKeys": {
                    "header": "X-API-Key",
                    "queryParam": "api_key",
                    "keys": [
                      { "id": "one", "sha256": "%s" },
                      { "id": "one", "sha256": "%s" },
                      { "id": "two", "sha256": "abc123" },
                      { "id": "three", "sha256": "%s" }
                    ] } }
                }""".formatted(good, "b".repeat(64), good.toUpperCase()))).containsExactly(
                FILE + ":5:19: authentication.apiKeys.queryParam: set header or queryParam, not both",
                FILE + ":8:15: authentication.apiKeys.keys[1].id: duplicate key id; keys[0] has the same id",
                FILE + ":9:32: authentication.apiKeys.keys[2].sha256: sha256 must be 64 hex digits (the SHA-256 of "
                        + "the key, not the key)",
                FILE + ":10:34: authentication.apiKeys.keys[3].sha256: same sha256 as keys[0]; one key cannot have "
                        + "two ids");
    }

    @Test
    void bruteForceKeyValues() {
        assertThat(errors("""
                {
                  "version": 1,
                  "authentication": { "apiKeys": {}, "bruteForce": {
                    "key": ["ip", "user"],
                    "maxFailures": 0 } }
                }""")).containsExactly(
                FILE + ":4:19: authentication.bruteForce.key[1]: bruteForce key must be \"ip\", \"subject\" or "
                        + "[\"ip\", \"subject\"]",
                FILE + ":5:20: authentication.bruteForce.maxFailures: maxFailures must be at least 1");
    }

    @Test
    void secretsNeverInlineInTheRedisUrl() {
        assertThat(errors("""
                {
                  "version": 1,
                  "store": {
                    "redis": "redis://default:hunter2@cache:6379" }
                }""")).containsExactly(FILE + ":4:14: store.redis: redis URL must not carry a password; secrets "
                + "never sit inline in the policy").noneMatch(line -> line.contains("hunter2"));
    }

    @Test
    void validationRuleChecks() {
        assertThat(errors("""
                {
                  "version": 1,
                  "routes": [ { "path": "/orders/{id}", "validate": {
                    "path": { "id": { "type": "int" },
                      "orderId": { "type": "integer" } },
                    "query": { "limit": { "type": "integer",
                      "min": 10, "max": 5, "minLength": 1 },
                      "name": {
                        "minLength": 9, "maxLength": 3,
                        "pattern": "(a+)\\\\1" } }
                  } } ]
                }""")).containsExactly(
                FILE + ":4:31: routes[0].validate.path.id.type: must be one of string, integer, number, boolean, "
                        + "uuid, email",
                FILE + ":5:18: routes[0].validate.path.orderId: the route's path has no {orderId}",
                FILE + ":7:14: routes[0].validate.query.limit.min: min must not be greater than max",
                FILE + ":7:41: routes[0].validate.query.limit.minLength: minLength applies only to type string or email",
                FILE + ":9:22: routes[0].validate.query.name.minLength: minLength must not be greater than maxLength",
                FILE + ":10:20: routes[0].validate.query.name.pattern: pattern \"(a+)\\1\" at position 4: "
                        + "backreferences are not supported (they cannot run in linear time)");
    }

    @Test
    void injectionAllowListsReferToRealInputs() {
        assertThat(errors("""
                {
                  "version": 1,
                  "injection": { "allow": ["body:raw"] },
                  "routes": [ { "path": "/search/{term}", "injection": {
                    "allow": ["path:q", "json:customer.name"] } } ]
                }""")).containsExactly(
                FILE + ":3:28: injection.allow[0]: input must be query:NAME, form:NAME, header:NAME, cookie:NAME, "
                        + "json:$.path or path:NAME",
                FILE + ":5:15: routes[0].injection.allow[0]: the route's path has no {q}",
                FILE + ":5:25: routes[0].injection.allow[1]: JSON path must start with '$', like $.customer.email");
    }

    @Test
    void credentialsRequiredWithoutAnyAuthenticationConfigured() {
        assertThat(errors("""
                {
                  "version": 1,
                  "defaults": { "auth": "authenticated" }
                }""")).containsExactly(FILE + ":3:25: defaults.auth: requires credentials, but authentication "
                + "configures neither jwt nor apiKeys");
    }

    @Test
    void transportChecks() {
        assertThat(errors("""
                {
                  "version": 1,
                  "transport": {
                    "hsts": "max-age=1\\r\\nSet-Cookie: a=b",
                    "redirectHttp": true }
                }""")).containsExactly(
                FILE + ":4:13: transport.hsts: hsts must start with max-age=SECONDS, like \"max-age=31536000; "
                        + "includeSubDomains\"",
                FILE + ":5:21: transport.redirectHttp: redirectHttp needs requireHttps: true");
    }

    @Test
    void unreadableAndOversizedFilesAreReportedAgainstTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path missing = dir.resolve("absent.json");
        assertThat(PolicyParser.parse(missing).errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(missing.toString());
            assertThat(error.message()).startsWith("cannot read the policy file: NoSuchFileException");
        });
        Path large = Files.writeString(dir.resolve("large.json"), " ".repeat(PolicyParser.MAX_FILE_BYTES + 1));
        assertThat(PolicyParser.parse(large).errors()).extracting(PolicyError::message)
                .containsExactly("the policy file is larger than 1024KB");
    }
}
