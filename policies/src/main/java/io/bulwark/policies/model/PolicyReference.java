package io.bulwark.policies.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every policy field, described once: the source of docs/policy-reference.md. Entries are keyed by the record
 * and component that hold the field, so a record used in several places (a validation rule) is described once;
 * types and paths come from the model itself by reflection, so they cannot drift from it. Defaults are the
 * constants the records apply.
 */
public final class PolicyReference {

    /**
     * @param owner        the record holding the field
     * @param name         the key in the policy file
     * @param defaultValue what applies when the field is absent; empty when nothing does
     * @param description  one or two sentences for the policy's author
     */
    public record Entry(Class<?> owner, String name, String defaultValue, String description) {
    }

    private static final String NONE = "";

    private static final List<Entry> ENTRIES = List.of(
            e(Policy.class, "version", NONE, "Policy format version; must be `1`."),
            e(Policy.class, "mode", "`block`", "Default mode of every protection: `block` refuses, `monitor` only "
                    + "logs, `off` does not look. A protection or a route may override it."),
            e(Policy.class, "log", NONE, "The attack log."),
            e(Policy.class, "clientIp", NONE, "How the client address is found."),
            e(Policy.class, "transport", NONE, "HTTPS enforcement."),
            e(Policy.class, "instrumentation", NONE, "Hook groups to switch off."),
            e(Policy.class, "authentication", "none", "How callers prove who they are. When `jwt` or `apiKeys` is "
                    + "set, routes require credentials unless `defaults.auth` says otherwise."),
            e(Policy.class, "rateLimits", "none", "Named token-bucket limits, used by name from `defaults` and "
                    + "`routes`."),
            e(Policy.class, "store", "in-memory", "A Redis store shared by a fleet for rate-limit and brute-force "
                    + "state."),
            e(Policy.class, "injection", NONE, "SQL and shell injection detection at the sinks."),
            e(Policy.class, "detection", "off", "Reports scanners, surges and requests reading far more "
                    + "rows than their route usually does. Only ever reports, never refuses. `{}` turns it on with "
                    + "the defaults below."),
            e(Policy.class, "defaults", NONE, "What a route that omits a field gets, and what a request that "
                    + "matches no route gets."),
            e(Policy.class, "routes", "none", "Routes; the first whose path and methods match applies."),

            e(LogSettings.class, "path", "`" + LogSettings.DEFAULT_PATH + "`", "Attack log file (JSON lines), "
                    + "relative to the working directory."),
            e(LogSettings.class, "maxFileSize", "`" + LogSettings.DEFAULT_MAX_FILE_SIZE + "`", "Size at which the "
                    + "log is rotated."),
            e(LogSettings.class, "maxFiles", "`" + LogSettings.DEFAULT_MAX_FILES + "`", "Log files kept, the "
                    + "current one included. At least 1."),

            e(ClientIpSettings.class, "trustedProxies", "none", "Peers whose `X-Forwarded-For` / `Forwarded` "
                    + "headers are believed. A bare address is a block of one; bits beyond the prefix are an "
                    + "error. An IPv4 block also matches IPv4-mapped IPv6 peers."),

            e(TransportSettings.class, "requireHttps", "`false`", "Refuse plain-HTTP requests (a trusted proxy's "
                    + "`X-Forwarded-Proto` or `Forwarded: proto=` counts)."),
            e(TransportSettings.class, "hsts", "none", "`Strict-Transport-Security` value added to HTTPS "
                    + "responses; must start with `max-age=SECONDS`."),
            e(TransportSettings.class, "redirectHttp", "`false`", "With `requireHttps`, redirect plain-HTTP GET "
                    + "and HEAD to https instead of refusing them; other methods are still refused."),

            e(InstrumentationSettings.class, "disabled", "none", "Hook groups the agent leaves alone."),

            e(AuthenticationSettings.class, "realm", "none", "`realm` of `WWW-Authenticate` challenges. No "
                    + "quotes, backslashes or control characters."),
            e(AuthenticationSettings.class, "jwt", "none", "Bearer JWT verification."),
            e(AuthenticationSettings.class, "apiKeys", "none", "API-key verification."),
            e(AuthenticationSettings.class, "bruteForce", "off", "Block clients that keep presenting bad, "
                    + "expired or unknown credentials (not missing ones, not missing scopes) with 429."),

            e(JwtSettings.class, "issuer", "any", "Required `iss` claim."),
            e(JwtSettings.class, "audiences", "any", "Accepted `aud` values; a token must carry one of them."),
            e(JwtSettings.class, "jwks", NONE, "`file:PATH` (relative to the policy file) or an "
                    + "`https://` URL. Never the keys themselves."),
            e(JwtSettings.class, "jwksCacheFor", "`" + JwtSettings.DEFAULT_JWKS_CACHE_FOR + "`", "How long fetched "
                    + "keys are reused."),
            e(JwtSettings.class, "algorithms", "those fitting the keys", "Accepted `alg` values, from: "
                    + String.join(", ", JwtSettings.KNOWN_ALGORITHMS) + ". `none` is never accepted."),
            e(JwtSettings.class, "clockSkew", "`" + JwtSettings.DEFAULT_CLOCK_SKEW + "`", "Tolerance for `exp` "
                    + "and `nbf`."),
            e(JwtSettings.class, "requiredClaims", "none", "Claims every token must carry."),
            e(JwtSettings.class, "scopeClaim", "`" + JwtSettings.DEFAULT_SCOPE_CLAIM + "`", "Claim holding the "
                    + "scopes, a space-separated string or an array."),

            e(ApiKeySettings.class, "header", "`" + ApiKeySettings.DEFAULT_HEADER + "`", "Header carrying the key. "
                    + "Set this or `queryParam`, not both."),
            e(ApiKeySettings.class, "queryParam", "none", "Query parameter carrying the key, for clients that "
                    + "cannot set a header (it shows up in access logs)."),
            e(ApiKeySettings.class, "keys", "none", "Accepted keys; remove one to revoke it."),

            e(ApiKey.class, "id", NONE, "Unique. The caller's name in the log (`user.id`)."),
            e(ApiKey.class, "sha256", NONE, "SHA-256 of the key as 64 hex digits; the key itself never "
                    + "sits in the policy."),
            e(ApiKey.class, "scopes", "none", "Scopes the key grants."),

            e(BruteForceSettings.class, "key", "`ip`", "What failures are counted by: `ip`, `subject` or both."),
            e(BruteForceSettings.class, "maxFailures", "`" + BruteForceSettings.DEFAULT_MAX_FAILURES + "`",
                    "Failures within `per` that start a block."),
            e(BruteForceSettings.class, "per", "`" + BruteForceSettings.DEFAULT_PER + "`", "Counting window."),
            e(BruteForceSettings.class, "blockFor", "`" + BruteForceSettings.DEFAULT_BLOCK_FOR + "`", "How long a "
                    + "block lasts."),

            e(RateLimit.class, "key", NONE, "What each bucket belongs to: `ip`, `apiKey`, `subject`, "
                    + "`route`, `header:NAME`, or a list of them (one bucket per combination)."),
            e(RateLimit.class, "limit", NONE, "Tokens added per `per`; at least 1."),
            e(RateLimit.class, "per", NONE, "Refill period."),
            e(RateLimit.class, "burst", "`limit`", "Bucket capacity."),

            e(StoreSettings.class, "redis", NONE, "`redis://host:port` or `rediss://host:port`, "
                    + "without a password."),
            e(StoreSettings.class, "timeout", "`" + StoreSettings.DEFAULT_TIMEOUT + "`", "How long a decision "
                    + "may wait for Redis."),
            e(StoreSettings.class, "onFailure", "`" + wire(StoreSettings.DEFAULT_ON_FAILURE) + "`",
                    "Decision when Redis does not answer in time; logged either way."),

            e(InjectionSettings.class, "sql", "`mode`", "Mode for SQL sinks (JDBC)."),
            e(InjectionSettings.class, "shell", "`mode`", "Mode for process start."),
            e(InjectionSettings.class, "maxScanBytes", "`" + InjectionSettings.DEFAULT_MAX_SCAN_BYTES + "`",
                    "How much of a request body is inspected."),
            e(InjectionSettings.class, "oversize", "`" + wire(InjectionSettings.DEFAULT_OVERSIZE) + "`",
                    "A larger body is passed with a logged warning (`pass`) or refused with 413 (`reject`)."),
            e(InjectionSettings.class, "allow", "none", "Inputs exempt on every route."),

            e(DefaultSettings.class, "auth", "`authenticated` if `jwt` or `apiKeys` is set, else `public`",
                    "Requirement of routes that omit `auth` and of requests matching no route."),
            e(DefaultSettings.class, "rateLimits", "none", "Limits of routes that omit `rateLimits` and of "
                    + "requests matching no route."),
            e(DefaultSettings.class, "dataTransfer", "none", "Data-transfer limits of routes that omit a field "
                    + "of `dataTransfer`, and of requests matching no route."),

            e(DataTransferSettings.class, "maxRows", "none", "Rows one request may read through JDBC (each "
                    + "`ResultSet.next()` that returns a row). In `block` mode the read past the limit fails "
                    + "with the block exception and the request ends with 403 if nothing was sent yet."),
            e(DataTransferSettings.class, "maxResponseBytes", "none", "Response body bytes one request may "
                    + "write. In `block` mode the write past the limit fails and the response is cut there: "
                    + "bytes already sent cannot be recalled, so the client sees a truncated body, or 403 if "
                    + "nothing was committed."),
            e(DataTransferSettings.class, "mode", "`defaults.dataTransfer.mode`, else `mode`", "`block`, "
                    + "`monitor` (one event per request, at its end) or `off`."),

            e(DetectionSettings.class, "mode", "`monitor` (`off` when `mode` is `off`)", "`monitor` or `off`; "
                    + "`block` is an error, since detection only reports."),
            e(DetectionSettings.class, "window", "`" + DetectionSettings.DEFAULT_WINDOW + "`", "Counting window "
                    + "of every spike counter. Each client and kind is reported at most once per window, with "
                    + "its count."),
            e(DetectionSettings.class, "clientErrors", "`" + DetectionSettings.DEFAULT_CLIENT_ERRORS + "`",
                    "4xx responses one client may get per window (401, 403 and 404 included)."),
            e(DetectionSettings.class, "authFailures", "`" + DetectionSettings.DEFAULT_AUTH_FAILURES + "`",
                    "Missing or failed credentials one client may present per window."),
            e(DetectionSettings.class, "blockedAttacks", "`" + DetectionSettings.DEFAULT_BLOCKED_ATTACKS + "`",
                    "Requests of one client refused for an injection per window."),
            e(DetectionSettings.class, "distinctRoutes", "`" + DetectionSettings.DEFAULT_DISTINCT_ROUTES + "`",
                    "Different paths answered with 4xx that one client may touch per window; more is a sweep."),
            e(DetectionSettings.class, "routeSurgeFactor", "`" + DetectionSettings.DEFAULT_ROUTE_SURGE_FACTOR
                    + "`", "A route is reported when its 4xx count in a window exceeds this many times its "
                    + "average window (and `clientErrors`). At least 2."),
            e(DetectionSettings.class, "rowAnomalyFactor", "`" + DetectionSettings.DEFAULT_ROW_ANOMALY_FACTOR
                    + "`", "A request is reported when it reads this many times the rows its route usually "
                    + "reads per request. At least 2."),
            e(DetectionSettings.class, "baselineRequests", "`" + DetectionSettings.DEFAULT_BASELINE_REQUESTS
                    + "`", "Requests a route must have served before its usual row count is trusted."),
            e(DetectionSettings.class, "maxClients", "`" + DetectionSettings.DEFAULT_MAX_CLIENTS + "`",
                    "Clients (and routes) tracked at once; the least recently seen are forgotten first, so a "
                    + "spoofed-address flood cannot grow memory."),

            e(Route.class, "path", NONE, "`*` is one segment, `**` zero or more (at most one per "
                    + "path), `{name}` one named segment. Matched against the normalised request path, context "
                    + "path included."),
            e(Route.class, "methods", "all", "Upper-case HTTP methods the route applies to."),
            e(Route.class, "auth", "`defaults.auth`", "`\"public\"`, `\"authenticated\"` or "
                    + "`{\"scopes\": [...], \"match\": \"all\" | \"any\"}` (`match` defaults to `all`)."),
            e(Route.class, "rateLimits", "`defaults.rateLimits`", "Names of the limits that apply; `[]` for none."),
            e(Route.class, "injection", "none", "Injection overrides for this route."),
            e(Route.class, "validate", "none", "Input validation; a request breaking a rule is refused with 400."),
            e(Route.class, "dataTransfer", "`defaults.dataTransfer`", "Rows and response bytes one request may "
                    + "take; each field absent here falls back to `defaults.dataTransfer`."),

            e(RouteInjection.class, "sql", "`injection.sql`", "Mode for SQL sinks on this route."),
            e(RouteInjection.class, "shell", "`injection.shell`", "Mode for process start on this route."),
            e(RouteInjection.class, "allow", "none", "Inputs exempt on this route, added to `injection.allow`; "
                    + "`path:NAME` must name a `{NAME}` of the route's path."),

            e(Validation.class, "query", "none", "Rules for query parameters, by name."),
            e(Validation.class, "path", "none", "Rules for path variables, by `{name}` of the route's path."),
            e(Validation.class, "header", "none", "Rules for headers, by name (case-insensitive)."),
            e(Validation.class, "json", "none", "Rules for JSON body values, by JSON path (`$.customer.email`)."),
            e(Validation.class, "maxBodySize", "none", "Largest accepted request body."),
            e(Validation.class, "contentTypes", "any", "Accepted media types, `type/subtype` or `type/*`."),

            e(ValidationRule.class, "type", "`" + wire(ValidationRule.DEFAULT_TYPE) + "`",
                    "Type the value must have."),
            e(ValidationRule.class, "required", "`false`", "Whether the input must be present."),
            e(ValidationRule.class, "min", "none", "Smallest value (`integer`, `number`); whole for `integer`."),
            e(ValidationRule.class, "max", "none", "Largest value (`integer`, `number`); not below `min`."),
            e(ValidationRule.class, "minLength", "none", "Fewest characters (`string`, `email`)."),
            e(ValidationRule.class, "maxLength", "none", "Most characters (`string`, `email`); not below "
                    + "`minLength`."),
            e(ValidationRule.class, "pattern", "none", "Regular expression the whole value must match "
                    + "(`string`, `email`). No backreferences, lookaround, atomic groups or possessive "
                    + "quantifiers, so it runs in linear time."),
            e(ValidationRule.class, "enum", "any", "The only values accepted."));

    private PolicyReference() {
    }

    private static Entry e(Class<?> owner, String name, String defaultValue, String description) {
        return new Entry(owner, name, defaultValue, description);
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Every record the policy file can contain, with the paths where it appears, in file order. */
    public static Map<Class<?>, List<String>> recordPaths() {
        Map<Class<?>, List<String>> paths = new LinkedHashMap<>();
        walk(Policy.class, "", paths);
        return paths;
    }

    private static void walk(Class<?> record, String path, Map<Class<?>, List<String>> paths) {
        paths.computeIfAbsent(record, key -> new ArrayList<>()).add(path.isEmpty() ? "(top level)" : path);
        for (RecordComponent component : fileComponents(record)) {
            String childPath = (path.isEmpty() ? "" : path + ".") + fileName(component);
            Type type = component.getGenericType();
            if (type instanceof Class<?> plain && isSection(plain)) {
                walk(plain, childPath, paths);
            } else if (type instanceof ParameterizedType generic) {
                Type last = generic.getActualTypeArguments()[generic.getActualTypeArguments().length - 1];
                boolean isList = generic.getRawType() == List.class;
                if (last instanceof Class<?> element && isSection(element)) {
                    walk(element, childPath + (isList ? "[]" : ".<name>"), paths);
                }
            }
        }
    }

    /** A record written as a JSON object with its own fields; value types are records too, but written as text. */
    private static boolean isSection(Class<?> type) {
        return type.isRecord() && !VALUE_TYPES.containsKey(type);
    }

    /** The components a policy file can set, in declaration order. */
    public static List<RecordComponent> fileComponents(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .filter(component -> !component.isAnnotationPresent(NotInFile.class)).toList();
    }

    /** The key a component has in the file ({@code enum} where Java needs another name). */
    public static String fileName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null ? component.getName() : property.value();
    }

    /** docs/policy-reference.md */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Policy reference\n\n")
                .append("<!-- Generated from io.bulwark.policies.model.PolicyReference; do not edit. Regenerate with\n")
                .append("     mvn -o -q -pl policies -am test -Dtest=PolicyReferenceTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dbulwark.updateReference=true -->\n\n")
                .append("Every field is optional unless its default says *required*. Unknown fields, ")
                .append("wrong JSON types (no coercion: `\"100\"` is not a number), `null` and duplicate keys ")
                .append("are errors.\n\n")
                .append("- **duration**: a whole number and one unit: `500ms`, `30s`, `1m`, `1h`, `1d`.\n")
                .append("- **size**: a whole number and one unit: `512B`, `64KB`, `1MB`, `1GB` (1KB = 1024 bytes).\n")
                .append("- **scope**: an RFC 6749 scope token (printable ASCII except space, `\"` and `\\`).\n")
                .append("- **input**: `query:NAME`, `form:NAME`, `header:NAME`, `cookie:NAME`, `json:$.path` ")
                .append("(steps `.name`, `[0]`, `[*]`) or `path:NAME`.\n");
        Map<Class<?>, List<String>> paths = recordPaths();
        for (Map.Entry<Class<?>, List<String>> section : paths.entrySet()) {
            md.append("\n## ").append(section.getValue().stream().map(p -> "`" + p + "`")
                    .collect(Collectors.joining(", "))).append("\n\n");
            md.append("| Field | Type | Default | Description |\n|---|---|---|---|\n");
            for (RecordComponent component : fileComponents(section.getKey())) {
                Entry entry = entry(section.getKey(), fileName(component));
                md.append("| `").append(fileName(component)).append("` | ")
                        .append(typeName(component.getGenericType())).append(" | ")
                        .append(component.isAnnotationPresent(Required.class) ? "*required*"
                                : entry == null ? "" : entry.defaultValue()).append(" | ")
                        .append(entry == null ? "" : entry.description()).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The entry for one field, or null when the registry lacks it (the reference test fails then). */
    public static Entry entry(Class<?> owner, String name) {
        for (Entry entry : ENTRIES) {
            if (entry.owner() == owner && entry.name().equals(name)) {
                return entry;
            }
        }
        return null;
    }

    private static final Map<Class<?>, String> VALUE_TYPES = Map.ofEntries(
            Map.entry(String.class, "string"),
            Map.entry(Integer.class, "integer"),
            Map.entry(Boolean.class, "boolean"),
            Map.entry(BigDecimal.class, "number"),
            Map.entry(PolicyDuration.class, "duration"),
            Map.entry(ByteSize.class, "size"),
            Map.entry(CidrBlock.class, "CIDR block"),
            Map.entry(PathPattern.class, "path pattern"),
            Map.entry(Scope.class, "scope"),
            Map.entry(InputRef.class, "input"),
            Map.entry(JwksSource.class, "`file:PATH` or `https://` URL"),
            Map.entry(Sha256Digest.class, "64 hex digits"),
            Map.entry(AuthRequirement.class, "auth requirement"),
            Map.entry(RateLimitKey.class, "key or list of keys"),
            Map.entry(BruteForceKey.class, "`\"ip\"`, `\"subject\"` or both as a list"));

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType generic) {
            Type[] arguments = generic.getActualTypeArguments();
            String element = typeName(arguments[arguments.length - 1]);
            return generic.getRawType() == List.class ? "list of " + element : "map of name to " + element;
        }
        Class<?> plain = (Class<?>) type;
        if (plain.isEnum()) {
            return Arrays.stream(plain.getEnumConstants()).map(c -> "`" + wire(c) + "`")
                    .collect(Collectors.joining(" \\| "));
        }
        if (isSection(plain)) {
            return "object";
        }
        String name = VALUE_TYPES.get(plain);
        if (name == null) {
            throw new IllegalStateException("no reference name for model type " + plain.getName());
        }
        return name;
    }

    /** How an enum constant is written in the file: {@code BLOCK} is {@code block}. */
    private static String wire(Object constant) {
        return ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
    }
}
