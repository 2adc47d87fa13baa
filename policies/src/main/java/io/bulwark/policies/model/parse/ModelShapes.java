package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.ApiKey;
import io.bulwark.policies.model.ApiKeySettings;
import io.bulwark.policies.model.AuthRequirement;
import io.bulwark.policies.model.AuthenticationSettings;
import io.bulwark.policies.model.BruteForceKey;
import io.bulwark.policies.model.BruteForceSettings;
import io.bulwark.policies.model.ByteSize;
import io.bulwark.policies.model.CidrBlock;
import io.bulwark.policies.model.ClientIpSettings;
import io.bulwark.policies.model.DataTransferSettings;
import io.bulwark.policies.model.DefaultSettings;
import io.bulwark.policies.model.DetectionSettings;
import io.bulwark.policies.model.HookGroup;
import io.bulwark.policies.model.InjectionSettings;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.InstrumentationSettings;
import io.bulwark.policies.model.JwksSource;
import io.bulwark.policies.model.JwtSettings;
import io.bulwark.policies.model.LogSettings;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.OnFailure;
import io.bulwark.policies.model.Oversize;
import io.bulwark.policies.model.PathPattern;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.PolicyDuration;
import io.bulwark.policies.model.RateLimit;
import io.bulwark.policies.model.RateLimitKey;
import io.bulwark.policies.model.Route;
import io.bulwark.policies.model.RouteInjection;
import io.bulwark.policies.model.Scope;
import io.bulwark.policies.model.ScopeMatch;
import io.bulwark.policies.model.Sha256Digest;
import io.bulwark.policies.model.StoreSettings;
import io.bulwark.policies.model.TransportSettings;
import io.bulwark.policies.model.Validation;
import io.bulwark.policies.model.ValidationRule;
import io.bulwark.policies.model.ValueType;

import java.util.List;
import java.util.Map;

/**
 * Each model record as the policy file writes it: its keys in declaration order, their types, which are required
 * (with the message for their absence) and which the file may not set. The records' annotations
 * ({@code @Required}, {@code @NotInFile}, {@code @JsonProperty}) and generic signatures say the same; reading them
 * by reflection costs the premain thread generated annotation proxy classes and the generic-signature parser, so
 * the table is written out here and {@code ModelShapesTest} fails, printing the line to paste, whenever it stops
 * matching the records.
 */
final class ModelShapes {

    private ModelShapes() {
    }

    /** The shape of a record the file writes as an object; {@link IllegalArgumentException} for any other type. */
    static RecordShape of(Class<?> type) {
        // By name, so that only the records a file actually uses are loaded.
        return switch (type.getName()) {
            case "io.bulwark.policies.model.Policy" -> shape(Policy.class,
                    field("version", Integer.class).required("version is required; write \"version\": 1"),
                    field("mode", Mode.class),
                    field("log", LogSettings.class),
                    field("clientIp", ClientIpSettings.class),
                    field("transport", TransportSettings.class),
                    field("instrumentation", InstrumentationSettings.class),
                    field("authentication", AuthenticationSettings.class),
                    map("rateLimits", RateLimit.class),
                    field("store", StoreSettings.class),
                    field("injection", InjectionSettings.class),
                    field("detection", DetectionSettings.class),
                    field("defaults", DefaultSettings.class),
                    list("routes", Route.class),
                    notInFile("source", java.nio.file.Path.class));
            case "io.bulwark.policies.model.LogSettings" -> shape(LogSettings.class,
                    field("path", String.class),
                    field("maxFileSize", ByteSize.class),
                    field("maxFiles", Integer.class));
            case "io.bulwark.policies.model.ClientIpSettings" -> shape(ClientIpSettings.class,
                    list("trustedProxies", CidrBlock.class));
            case "io.bulwark.policies.model.TransportSettings" -> shape(TransportSettings.class,
                    field("requireHttps", Boolean.class),
                    field("hsts", String.class),
                    field("redirectHttp", Boolean.class));
            case "io.bulwark.policies.model.InstrumentationSettings" -> shape(InstrumentationSettings.class,
                    list("disabled", HookGroup.class));
            case "io.bulwark.policies.model.AuthenticationSettings" -> shape(AuthenticationSettings.class,
                    field("realm", String.class),
                    field("jwt", JwtSettings.class),
                    field("apiKeys", ApiKeySettings.class),
                    field("bruteForce", BruteForceSettings.class));
            case "io.bulwark.policies.model.JwtSettings" -> shape(JwtSettings.class,
                    field("issuer", String.class),
                    list("audiences", String.class),
                    field("jwks", JwksSource.class).required("jwt needs jwks: file:PATH or an https:// URL"),
                    field("jwksCacheFor", PolicyDuration.class),
                    list("algorithms", String.class),
                    field("clockSkew", PolicyDuration.class),
                    list("requiredClaims", String.class),
                    field("scopeClaim", String.class));
            case "io.bulwark.policies.model.ApiKeySettings" -> shape(ApiKeySettings.class,
                    field("header", String.class),
                    field("queryParam", String.class),
                    list("keys", ApiKey.class));
            case "io.bulwark.policies.model.ApiKey" -> shape(ApiKey.class,
                    field("id", String.class).required(),
                    field("sha256", Sha256Digest.class).required(),
                    list("scopes", Scope.class));
            case "io.bulwark.policies.model.BruteForceSettings" -> shape(BruteForceSettings.class,
                    field("key", BruteForceKey.class),
                    field("maxFailures", Integer.class),
                    field("per", PolicyDuration.class),
                    field("blockFor", PolicyDuration.class));
            case "io.bulwark.policies.model.RateLimit" -> shape(RateLimit.class,
                    field("key", RateLimitKey.class).required(),
                    field("limit", Integer.class).required(),
                    field("per", PolicyDuration.class).required(),
                    field("burst", Integer.class));
            case "io.bulwark.policies.model.StoreSettings" -> shape(StoreSettings.class,
                    field("redis", String.class).required(),
                    field("timeout", PolicyDuration.class),
                    field("onFailure", OnFailure.class));
            case "io.bulwark.policies.model.InjectionSettings" -> shape(InjectionSettings.class,
                    field("sql", Mode.class),
                    field("shell", Mode.class),
                    field("maxScanBytes", ByteSize.class),
                    field("oversize", Oversize.class),
                    list("allow", InputRef.class));
            case "io.bulwark.policies.model.DetectionSettings" -> shape(DetectionSettings.class,
                    field("mode", Mode.class),
                    field("window", PolicyDuration.class),
                    field("clientErrors", Integer.class),
                    field("authFailures", Integer.class),
                    field("blockedAttacks", Integer.class),
                    field("distinctRoutes", Integer.class),
                    field("routeSurgeFactor", Integer.class),
                    field("rowAnomalyFactor", Integer.class),
                    field("baselineRequests", Integer.class),
                    field("maxClients", Integer.class));
            case "io.bulwark.policies.model.DefaultSettings" -> shape(DefaultSettings.class,
                    field("auth", AuthRequirement.class),
                    list("rateLimits", String.class),
                    field("dataTransfer", DataTransferSettings.class));
            case "io.bulwark.policies.model.DataTransferSettings" -> shape(DataTransferSettings.class,
                    field("maxRows", Integer.class),
                    field("maxResponseBytes", ByteSize.class),
                    field("mode", Mode.class));
            case "io.bulwark.policies.model.Route" -> shape(Route.class,
                    field("path", PathPattern.class).required(),
                    list("methods", String.class),
                    field("auth", AuthRequirement.class),
                    list("rateLimits", String.class),
                    field("injection", RouteInjection.class),
                    field("validate", Validation.class),
                    field("dataTransfer", DataTransferSettings.class));
            case "io.bulwark.policies.model.RouteInjection" -> shape(RouteInjection.class,
                    field("sql", Mode.class),
                    field("shell", Mode.class),
                    list("allow", InputRef.class));
            case "io.bulwark.policies.model.Validation" -> shape(Validation.class,
                    map("query", ValidationRule.class),
                    map("path", ValidationRule.class),
                    map("header", ValidationRule.class),
                    map("json", ValidationRule.class),
                    field("maxBodySize", ByteSize.class),
                    list("contentTypes", String.class));
            case "io.bulwark.policies.model.ValidationRule" -> shape(ValidationRule.class,
                    field("type", ValueType.class),
                    field("required", Boolean.class),
                    field("min", java.math.BigDecimal.class),
                    field("max", java.math.BigDecimal.class),
                    field("minLength", Integer.class),
                    field("maxLength", Integer.class),
                    field("pattern", String.class),
                    list("enum", String.class));
            case "io.bulwark.policies.model.AuthRequirement$Scoped" -> shape(AuthRequirement.Scoped.class,
                    list("scopes", Scope.class).required(),
                    field("match", ScopeMatch.class));
            default -> throw new IllegalArgumentException("not a model record written as an object: " + type);
        };
    }

    private static RecordShape shape(Class<?> type, Component... components) {
        return new RecordShape(type, components);
    }

    private static Component field(String name, Class<?> type) {
        return new Component(name, null, type, null, true);
    }

    private static Component list(String name, Class<?> element) {
        return new Component(name, List.class, element, null, true);
    }

    private static Component map(String name, Class<?> value) {
        return new Component(name, Map.class, value, null, true);
    }

    private static Component notInFile(String name, Class<?> type) {
        return new Component(name, null, type, null, false);
    }

    /**
     * One record component. {@code container} is null for a plain value, else {@code List} or {@code Map} (keyed by
     * String) and {@code type} is then the element or value type.
     */
    static final class Component {
        final String name;
        final Class<?> container;
        final Class<?> type;
        /** The message for its absence when the file must set it; else null. */
        final String requiredMessage;
        final boolean inFile;

        private Component(String name, Class<?> container, Class<?> type, String requiredMessage, boolean inFile) {
            this.name = name;
            this.container = container;
            this.type = type;
            this.requiredMessage = requiredMessage;
            this.inFile = inFile;
        }

        Component required() {
            return required("required field is missing");
        }

        Component required(String message) {
            return new Component(name, container, type, message, inFile);
        }

        /** The component's declared class, as the canonical constructor takes it. */
        Class<?> rawType() {
            return container != null ? container : type;
        }
    }
}
