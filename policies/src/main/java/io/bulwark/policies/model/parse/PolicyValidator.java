package io.bulwark.policies.model.parse;

import io.bulwark.policies.detect.SpikeThresholds;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.model.ApiKey;
import io.bulwark.policies.model.ApiKeySettings;
import io.bulwark.policies.model.AuthRequirement;
import io.bulwark.policies.model.AuthenticationSettings;
import io.bulwark.policies.model.BruteForceSettings;
import io.bulwark.policies.model.DataTransferSettings;
import io.bulwark.policies.model.DetectionSettings;
import io.bulwark.policies.model.HttpToken;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.InvalidValueException;
import io.bulwark.policies.model.JsonPath;
import io.bulwark.policies.model.JwtSettings;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.PolicyDuration;
import io.bulwark.policies.model.RateLimit;
import io.bulwark.policies.model.Route;
import io.bulwark.policies.model.StoreSettings;
import io.bulwark.policies.model.TransportSettings;
import io.bulwark.policies.model.Validation;
import io.bulwark.policies.model.ValidationRule;
import io.bulwark.policies.model.ValueType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks that span fields or need more than one value's type: names that must refer to something, ranges,
 * settings that contradict each other. Runs on whatever the binder could build, so it skips values that already
 * failed (they are null) rather than reporting them twice.
 */
final class PolicyValidator {

    private static final int SUPPORTED_VERSION = 1;

    private final Problems problems;
    private final Locator locator;
    private final Policy policy;

    private PolicyValidator(Policy policy, Locator locator, Problems problems) {
        this.policy = policy;
        this.locator = locator;
        this.problems = problems;
    }

    static void validate(Policy policy, Node root, Problems problems) {
        new PolicyValidator(policy, new Locator(root), problems).validateAll();
    }

    private void fail(FieldPath path, String message) {
        problems.add(locator.positionOf(path), path, message);
    }

    private void validateAll() {
        FieldPath root = FieldPath.ROOT;
        if (policy.version() != null && policy.version() != SUPPORTED_VERSION) {
            fail(root.field("version"), "unsupported version; this agent reads version " + SUPPORTED_VERSION);
        }
        validateLog(root.field("log"));
        validateTransport(root.field("transport"), policy.transport());
        if (policy.authentication() != null) {
            validateAuthentication(root.field("authentication"), policy.authentication());
        }
        for (Map.Entry<String, RateLimit> limit : policy.rateLimits().entrySet()) {
            validateRateLimit(root.field("rateLimits").field(limit.getKey()), limit.getKey(), limit.getValue());
        }
        if (policy.store() != null) {
            validateStore(root.field("store"), policy.store());
        }
        positive(root.field("injection").field("maxScanBytes"), policy.injection().maxScanBytes().bytes());
        validateAllowList(root.field("injection").field("allow"), policy.injection().allow(), null);
        if (policy.detection() != null) {
            validateDetection(root.field("detection"), policy.detection());
        }
        FieldPath defaults = root.field("defaults");
        validateAuth(defaults.field("auth"), policy.defaults().auth());
        validateDataTransfer(defaults.field("dataTransfer"), policy.defaults().dataTransfer());
        validateRateLimitNames(defaults.field("rateLimits"), policy.defaults().rateLimits());
        for (int i = 0; i < policy.routes().size(); i++) {
            Route route = policy.routes().get(i);
            if (route != null) {
                validateRoute(root.field("routes").index(i), route, i);
            }
        }
    }

    private void validateDataTransfer(FieldPath path, DataTransferSettings dataTransfer) {
        if (dataTransfer == null) {
            return;
        }
        atLeastOne(path.field("maxRows"), dataTransfer.maxRows());
        if (dataTransfer.maxResponseBytes() != null) {
            positive(path.field("maxResponseBytes"), dataTransfer.maxResponseBytes().bytes());
        }
    }

    private void validateDetection(FieldPath path, DetectionSettings detection) {
        if (detection.mode() == Mode.BLOCK) {
            fail(path.field("mode"), "detection only reports; use \"monitor\" or \"off\" (limits that refuse "
                    + "requests are rateLimits and dataTransfer)");
        }
        notZero(path.field("window"), detection.window());
        atLeastOne(path.field("clientErrors"), detection.clientErrors());
        atLeastOne(path.field("authFailures"), detection.authFailures());
        atLeastOne(path.field("blockedAttacks"), detection.blockedAttacks());
        atLeastOne(path.field("distinctRoutes"), detection.distinctRoutes());
        if (detection.distinctRoutes() > SpikeThresholds.MAX_DISTINCT_PATHS) {
            fail(path.field("distinctRoutes"), "distinctRoutes must be at most " + SpikeThresholds.MAX_DISTINCT_PATHS);
        }
        atLeastTwo(path.field("routeSurgeFactor"), detection.routeSurgeFactor());
        atLeastTwo(path.field("rowAnomalyFactor"), detection.rowAnomalyFactor());
        atLeastOne(path.field("baselineRequests"), detection.baselineRequests());
        atLeastOne(path.field("maxClients"), detection.maxClients());
    }

    /** A factor of 1 would report ordinary traffic as a surge. */
    private void atLeastTwo(FieldPath path, Integer value) {
        if (value != null && value < 2) {
            fail(path, path.lastName() + " must be at least 2");
        }
    }

    private void validateLog(FieldPath path) {
        if (policy.log().path().isBlank()) {
            fail(path.field("path"), "log path must not be empty");
        }
        positive(path.field("maxFileSize"), policy.log().maxFileSize().bytes());
        atLeastOne(path.field("maxFiles"), policy.log().maxFiles());
    }

    private void validateTransport(FieldPath path, TransportSettings transport) {
        if (transport.hsts() != null && !isHstsValue(transport.hsts())) {
            fail(path.field("hsts"), "hsts must start with max-age=SECONDS, like \"max-age=31536000; includeSubDomains\"");
        }
        if (transport.redirectHttp() && !transport.requireHttps()) {
            fail(path.field("redirectHttp"), "redirectHttp needs requireHttps: true");
        }
    }

    /** The value becomes a response header, so no control characters (header injection) and a real max-age. */
    private static boolean isHstsValue(String value) {
        if (hasControlCharacter(value)) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        int digits = "max-age=".length();
        while (digits < lower.length() && Character.isDigit(lower.charAt(digits)) && lower.charAt(digits) < 0x80) {
            digits++;
        }
        return lower.startsWith("max-age=") && digits > "max-age=".length();
    }

    private void validateAuthentication(FieldPath path, AuthenticationSettings authentication) {
        String realm = authentication.realm();
        if (realm != null && (realm.isEmpty() || hasControlCharacter(realm) || realm.indexOf('"') >= 0
                || realm.indexOf('\\') >= 0)) {
            fail(path.field("realm"), "realm must be non-empty, without quotes, backslashes or control characters "
                    + "(it is sent inside a quoted WWW-Authenticate parameter)");
        }
        if (authentication.jwt() != null) {
            validateJwt(path.field("jwt"), authentication.jwt());
        }
        if (authentication.apiKeys() != null) {
            validateApiKeys(path.field("apiKeys"), authentication.apiKeys());
        }
        if (authentication.bruteForce() != null) {
            BruteForceSettings bruteForce = authentication.bruteForce();
            FieldPath brute = path.field("bruteForce");
            atLeastOne(brute.field("maxFailures"), bruteForce.maxFailures());
            notZero(brute.field("per"), bruteForce.per());
            notZero(brute.field("blockFor"), bruteForce.blockFor());
        }
    }

    private void validateJwt(FieldPath path, JwtSettings jwt) {
        if (jwt.issuer() != null && jwt.issuer().isEmpty()) {
            fail(path.field("issuer"), "issuer must not be empty; leave it out to accept any issuer");
        }
        nonEmptyStrings(path.field("audiences"), jwt.audiences(), "audience");
        nonEmptyStrings(path.field("requiredClaims"), jwt.requiredClaims(), "claim name");
        for (int i = 0; i < jwt.algorithms().size(); i++) {
            String algorithm = jwt.algorithms().get(i);
            if (algorithm != null && !JwtSettings.KNOWN_ALGORITHMS.contains(algorithm)) {
                fail(path.field("algorithms").index(i), "algorithm must be one of "
                        + String.join(", ", JwtSettings.KNOWN_ALGORITHMS));
            }
        }
        notZero(path.field("jwksCacheFor"), jwt.jwksCacheFor());
        if (jwt.scopeClaim().isEmpty()) {
            fail(path.field("scopeClaim"), "scopeClaim must not be empty");
        }
    }

    private void validateApiKeys(FieldPath path, ApiKeySettings apiKeys) {
        if (apiKeys.header() != null && apiKeys.queryParam() != null) {
            fail(path.field("queryParam"), "set header or queryParam, not both");
        }
        if (apiKeys.header() != null && !HttpToken.isToken(apiKeys.header())) {
            fail(path.field("header"), "header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
        }
        if (apiKeys.queryParam() != null && apiKeys.queryParam().isEmpty()) {
            fail(path.field("queryParam"), "queryParam must not be empty");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < apiKeys.keys().size(); i++) {
            ApiKey key = apiKeys.keys().get(i);
            FieldPath keyPath = path.field("keys").index(i);
            if (key == null) {
                continue;
            }
            if (key.id() != null) {
                Integer first = ids.putIfAbsent(key.id(), i);
                if (key.id().isEmpty()) {
                    fail(keyPath.field("id"), "id must not be empty");
                } else if (first != null) {
                    fail(keyPath.field("id"), "duplicate key id; keys[" + first + "] has the same id");
                }
            }
            for (int j = 0; j < i && key.sha256() != null; j++) {
                ApiKey earlier = apiKeys.keys().get(j);
                if (earlier != null && earlier.sha256() != null && earlier.sha256().sameAs(key.sha256())) {
                    fail(keyPath.field("sha256"), "same sha256 as keys[" + j + "]; one key cannot have two ids");
                    break;
                }
            }
        }
    }

    private void validateRateLimit(FieldPath path, String name, RateLimit limit) {
        if (!isLimitName(name)) {
            fail(path, "rate-limit name must be letters, digits, '-', '_' and '.'");
        }
        if (limit == null) {
            return;
        }
        atLeastOne(path.field("limit"), limit.limit());
        notZero(path.field("per"), limit.per());
        atLeastOne(path.field("burst"), limit.burst());
    }

    private static boolean isLimitName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** A loop, not a stream: this runs on the premain thread, where each stream shape costs classes. */
    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private void validateStore(FieldPath path, StoreSettings store) {
        if (store.redis() != null) {
            String problem = redisUrlProblem(store.redis());
            if (problem != null) {
                fail(path.field("redis"), problem);
            }
        }
        notZero(path.field("timeout"), store.timeout());
    }

    private static String redisUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "redis must be a URL like redis://host:6379 or rediss://host:6379";
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            return "redis must be a URL like redis://host:6379 or rediss://host:6379";
        }
        if (uri.getHost() == null) {
            return "redis URL has no host";
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            return "redis URL must not carry a password; secrets never sit inline in the policy";
        }
        return null;
    }

    private void validateRoute(FieldPath path, Route route, int index) {
        List<String> variables = route.path() == null ? null : route.path().variableNames();
        validateMethods(path.field("methods"), route.methods());
        validateAuth(path.field("auth"), route.auth());
        if (route.rateLimits() != null) {
            validateRateLimitNames(path.field("rateLimits"), route.rateLimits());
        }
        if (route.injection() != null) {
            validateAllowList(path.field("injection").field("allow"), route.injection().allow(), variables);
        }
        if (route.validate() != null) {
            validateValidation(path.field("validate"), route.validate(), variables);
        }
        validateDataTransfer(path.field("dataTransfer"), route.dataTransfer());
        for (int earlier = 0; earlier < index; earlier++) {
            Route other = policy.routes().get(earlier);
            if (other != null && route.path() != null && route.path().equals(other.path())
                    && Set.copyOf(route.methods()).equals(Set.copyOf(other.methods()))) {
                fail(path.field("path"), "unreachable: routes[" + earlier + "] has the same path and methods "
                        + "and matches first");
                break;
            }
        }
    }

    private void validateMethods(FieldPath path, List<String> methods) {
        Set<String> seen = new HashSet<>();
        if (methods.isEmpty() && locator.isPresent(path)) {
            fail(path, "methods must not be empty; leave it out to match every method");
        }
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            if (method == null) {
                continue;
            }
            if (!HttpToken.isToken(method) || !method.equals(method.toUpperCase(Locale.ROOT))) {
                fail(path.index(i), "method must be an upper-case HTTP method, like GET");
            } else if (!seen.add(method)) {
                fail(path.index(i), "method listed twice");
            }
        }
    }

    /** A requirement for credentials when nothing can verify one would refuse every request. */
    private void validateAuth(FieldPath path, AuthRequirement auth) {
        boolean canAuthenticate = policy.authentication() != null && policy.authentication().acceptsCredentials();
        if (auth != null && auth.needsCredentials() && !canAuthenticate) {
            fail(path, "requires credentials, but authentication configures neither jwt nor apiKeys");
        }
    }

    private void validateRateLimitNames(FieldPath path, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                continue;
            }
            if (!policy.rateLimits().containsKey(name)) {
                fail(path.index(i), "no rate limit named '" + name + "' in rateLimits");
            } else if (!seen.add(name)) {
                fail(path.index(i), "rate limit listed twice");
            }
        }
    }

    private void validateAllowList(FieldPath path, List<InputRef> allow, List<String> pathVariables) {
        for (int i = 0; i < allow.size(); i++) {
            InputRef input = allow.get(i);
            if (input == null || input.source() != InputSource.PATH) {
                continue;
            }
            if (pathVariables == null) {
                fail(path.index(i), "path:NAME is only meaningful on a route");
            } else if (!pathVariables.contains(input.name())) {
                fail(path.index(i), "the route's path has no {" + input.name() + "}");
            }
        }
    }

    private void validateValidation(FieldPath path, Validation validation, List<String> pathVariables) {
        validateRules(path.field("query"), validation.query());
        validateRules(path.field("path"), validation.path());
        validateRules(path.field("header"), validation.header());
        validateRules(path.field("json"), validation.json());
        for (String name : validation.path().keySet()) {
            if (pathVariables != null && !pathVariables.contains(name)) {
                fail(path.field("path").field(name), "the route's path has no {" + name + "}");
            }
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : validation.header().keySet()) {
            FieldPath headerPath = path.field("header").field(name);
            if (!HttpToken.isToken(name)) {
                fail(headerPath, "header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
            } else if (headers.putIfAbsent(name.toLowerCase(Locale.ROOT), name) != null) {
                fail(headerPath, "header names are case-insensitive; this one repeats "
                        + headers.get(name.toLowerCase(Locale.ROOT)));
            }
        }
        for (String name : validation.json().keySet()) {
            try {
                JsonPath.check(name);
            } catch (InvalidValueException e) {
                fail(path.field("json").field(name), e.getMessage());
            }
        }
        if (validation.maxBodySize() != null) {
            positive(path.field("maxBodySize"), validation.maxBodySize().bytes());
        }
        for (int i = 0; i < validation.contentTypes().size(); i++) {
            String type = validation.contentTypes().get(i);
            if (type != null && !isMediaRange(type)) {
                fail(path.field("contentTypes").index(i), "content type must be TYPE/SUBTYPE, like "
                        + "application/json or text/* (no parameters)");
            }
        }
    }

    private static boolean isMediaRange(String type) {
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String main = type.substring(0, slash);
        String sub = type.substring(slash + 1);
        return HttpToken.isToken(main) && !main.equals("*") && HttpToken.isToken(sub);
    }

    private void validateRules(FieldPath path, Map<String, ValidationRule> rules) {
        for (Map.Entry<String, ValidationRule> rule : rules.entrySet()) {
            if (rule.getValue() != null) {
                validateRule(path.field(rule.getKey()), rule.getValue());
            }
        }
    }

    private void validateRule(FieldPath path, ValidationRule rule) {
        ValueType type = rule.type();
        if (!type.isNumeric()) {
            onlyFor(path.field("min"), rule.min(), "integer or number");
            onlyFor(path.field("max"), rule.max(), "integer or number");
        }
        if (!type.isText()) {
            onlyFor(path.field("minLength"), rule.minLength(), "string or email");
            onlyFor(path.field("maxLength"), rule.maxLength(), "string or email");
            onlyFor(path.field("pattern"), rule.pattern(), "string or email");
        }
        if (type == ValueType.INTEGER) {
            integral(path.field("min"), rule.min());
            integral(path.field("max"), rule.max());
        }
        if (rule.min() != null && rule.max() != null && rule.min().compareTo(rule.max()) > 0) {
            fail(path.field("min"), "min must not be greater than max");
        }
        if (rule.minLength() != null && rule.minLength() < 0) {
            fail(path.field("minLength"), "minLength must not be negative");
        }
        if (rule.maxLength() != null && rule.maxLength() < 0) {
            fail(path.field("maxLength"), "maxLength must not be negative");
        }
        if (rule.minLength() != null && rule.maxLength() != null && rule.minLength() > rule.maxLength()) {
            fail(path.field("minLength"), "minLength must not be greater than maxLength");
        }
        if (rule.pattern() != null && type.isText()) {
            try {
                // the same linear-time matcher that will run it: what it cannot run is an error now, not at a request
                io.bulwark.policies.validation.LinearPattern.compile(rule.pattern());
            } catch (io.bulwark.policies.validation.PatternCompileException e) {
                fail(path.field("pattern"), e.getMessage());
            }
        }
        if (rule.allowedValues() != null && rule.allowedValues().isEmpty()) {
            fail(path.field("enum"), "enum must not be empty; leave it out to accept any value");
        }
    }

    private void onlyFor(FieldPath path, Object value, String types) {
        if (value != null) {
            fail(path, path.lastName() + " applies only to type " + types);
        }
    }

    private void integral(FieldPath path, BigDecimal value) {
        if (value != null && value.stripTrailingZeros().scale() > 0) {
            fail(path, path.lastName() + " must be a whole number for type integer");
        }
    }

    private void nonEmptyStrings(FieldPath path, List<String> values, String what) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && values.get(i).isEmpty()) {
                fail(path.index(i), what + " must not be empty");
            }
        }
    }

    private void atLeastOne(FieldPath path, Integer value) {
        if (value != null && value < 1) {
            fail(path, path.lastName() + " must be at least 1");
        }
    }

    private void positive(FieldPath path, long bytes) {
        if (bytes <= 0) {
            fail(path, path.lastName() + " must be larger than 0B");
        }
    }

    private void notZero(FieldPath path, PolicyDuration duration) {
        if (duration != null && duration.isZero()) {
            fail(path, path.lastName() + " must be longer than 0");
        }
    }
}
