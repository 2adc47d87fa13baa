package io.bulwark.agent.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of the attack log, built on the request thread and serialised later by the writer thread.
 *
 * <p>Building one is cheap (field stores, an id, the redaction of the few strings given) and nothing is serialised
 * here. Every string has been through a {@link Redactor} and is capped when the builder receives it, so an event
 * never holds a secret and its size is bounded whatever the request carried. Absent values are {@code null}
 * (numbers: negative) and are left out of the line.
 */
public final class AttackEvent {
    static final int MAX_SHORT_CHARS = 128;
    static final int MAX_TEXT_CHARS = 1024;
    static final int MAX_SINK_CHARS = 2048;
    static final int MAX_LIST_ITEMS = 64;
    static final int MAX_CALL_SITE_FRAMES = 32;
    static final int MAX_EXTRAS = 32;

    /** Names the writer uses inside the {@code bulwark} object; an extra must not shadow them. */
    private static final Set<String> RESERVED_EXTRAS = Set.of(
            "mode", "input", "sink", "matched", "tokens", "call_site", "count", "window", "policy");

    private final long timestampMillis;
    private final String id;
    private final EventKind kind;
    private final Set<EventCategory> categories;
    private final Set<EventType> types;
    private final String action;
    private final EventOutcome outcome;
    private final String reason;
    private final int severity;
    private final String ruleId;
    private final String ruleName;
    private final String sourceIp;
    private final String httpMethod;
    private final int statusCode;
    private final String urlPath;
    private final String urlQuery;
    private final String userId;
    private final String userAgent;
    private final String serviceName;
    private final String mode;
    private final String inputSource;
    private final String inputName;
    private final String inputValue;
    private final String sinkKind;
    private final String sinkText;
    private final String sinkDialect;
    private final int matchedStart;
    private final int matchedEnd;
    private final List<String> tokens;
    private final StackTraceElement[] callSite;
    private final long count;
    private final Instant windowStart;
    private final Instant windowEnd;
    private final String policyFile;
    private final Map<String, Object> extras;

    private AttackEvent(Builder b) {
        timestampMillis = b.timestampMillis;
        id = b.id != null ? b.id : EventIds.next();
        kind = b.kind;
        categories = b.categories;
        types = b.types;
        action = b.action;
        outcome = b.outcome;
        reason = b.reason;
        severity = b.severity;
        ruleId = b.ruleId;
        ruleName = b.ruleName;
        sourceIp = b.sourceIp;
        httpMethod = b.httpMethod;
        statusCode = b.statusCode;
        urlPath = b.urlPath;
        urlQuery = b.urlQuery;
        userId = b.userId;
        userAgent = b.userAgent;
        serviceName = b.serviceName;
        mode = b.mode;
        inputSource = b.inputSource;
        inputName = b.inputName;
        inputValue = b.inputValue;
        sinkKind = b.sinkKind;
        sinkText = b.sinkText;
        sinkDialect = b.sinkDialect;
        matchedStart = b.matchedStart;
        matchedEnd = b.matchedEnd;
        tokens = b.tokens;
        callSite = b.callSite;
        count = b.count;
        windowStart = b.windowStart;
        windowEnd = b.windowEnd;
        policyFile = b.policyFile;
        extras = b.extras == null ? Map.of() : Collections.unmodifiableMap(b.extras);
    }

    /** A builder that redacts with {@code redactor} (the one built from the current policy). */
    public static Builder builder(Redactor redactor) {
        return new Builder(redactor);
    }

    public long timestampMillis() { return timestampMillis; }
    public String id() { return id; }
    public EventKind kind() { return kind; }
    public Set<EventCategory> categories() { return Collections.unmodifiableSet(categories); }
    public Set<EventType> types() { return Collections.unmodifiableSet(types); }
    public String action() { return action; }
    public EventOutcome outcome() { return outcome; }
    public String reason() { return reason; }
    public int severity() { return severity; }
    public String ruleId() { return ruleId; }
    public String ruleName() { return ruleName; }
    public String sourceIp() { return sourceIp; }
    public String httpMethod() { return httpMethod; }
    public int statusCode() { return statusCode; }
    public String urlPath() { return urlPath; }
    public String urlQuery() { return urlQuery; }
    public String userId() { return userId; }
    public String userAgent() { return userAgent; }
    public String serviceName() { return serviceName; }
    public String mode() { return mode; }
    public String inputSource() { return inputSource; }
    public String inputName() { return inputName; }
    public String inputValue() { return inputValue; }
    public String sinkKind() { return sinkKind; }
    public String sinkText() { return sinkText; }
    public String sinkDialect() { return sinkDialect; }
    public int matchedStart() { return matchedStart; }
    public int matchedEnd() { return matchedEnd; }
    public List<String> tokens() { return tokens; }
    public List<StackTraceElement> callSite() { return callSite == null ? List.of() : List.of(callSite); }
    public long count() { return count; }
    public Instant windowStart() { return windowStart; }
    public Instant windowEnd() { return windowEnd; }
    public String policyFile() { return policyFile; }
    /** Extension fields under {@code bulwark}: String, Long, Double, Boolean or a List of those. */
    public Map<String, Object> extras() { return extras; }

    /** Not thread-safe; one builder per event. Setters redact and cap as they store. */
    public static final class Builder {
        private final Redactor redactor;
        private long timestampMillis = System.currentTimeMillis();
        private String id;
        private EventKind kind = EventKind.EVENT;
        private final Set<EventCategory> categories = EnumSet.noneOf(EventCategory.class);
        private final Set<EventType> types = EnumSet.noneOf(EventType.class);
        private String action;
        private EventOutcome outcome = EventOutcome.UNKNOWN;
        private String reason;
        private int severity = -1;
        private String ruleId;
        private String ruleName;
        private String sourceIp;
        private String httpMethod;
        private int statusCode = -1;
        private String urlPath;
        private String urlQuery;
        private String userId;
        private String userAgent;
        private String serviceName;
        private String mode;
        private String inputSource;
        private String inputName;
        private String inputValue;
        private String sinkKind;
        private String sinkText;
        private String sinkDialect;
        private int matchedStart = -1;
        private int matchedEnd = -1;
        private List<String> tokens = List.of();
        private StackTraceElement[] callSite;
        private long count = -1;
        private Instant windowStart;
        private Instant windowEnd;
        private String policyFile;
        private Map<String, Object> extras;

        private Builder(Redactor redactor) {
            if (redactor == null) {
                throw new IllegalArgumentException("redactor");
            }
            this.redactor = redactor;
        }

        public Builder timestamp(Instant at) { timestampMillis = at.toEpochMilli(); return this; }
        /** Sets the id; by default {@link #build()} draws one from {@link EventIds}. */
        public Builder id(String eventId) { id = shortText(eventId); return this; }
        public Builder kind(EventKind value) { kind = value; return this; }
        public Builder category(EventCategory... values) { categories.addAll(Arrays.asList(values)); return this; }
        public Builder type(EventType... values) { types.addAll(Arrays.asList(values)); return this; }
        public Builder action(String value) { action = shortText(value); return this; }
        public Builder outcome(EventOutcome value) { outcome = value; return this; }
        public Builder reason(String value) { reason = redactor.text(value, MAX_TEXT_CHARS); return this; }
        public Builder severity(int value) { severity = value; return this; }

        public Builder rule(String id, String name) {
            ruleId = shortText(id);
            ruleName = shortText(name);
            return this;
        }

        public Builder sourceIp(String value) { sourceIp = shortText(value); return this; }
        public Builder httpMethod(String value) { httpMethod = shortText(value); return this; }
        public Builder statusCode(int value) { statusCode = value; return this; }
        public Builder urlPath(String value) { urlPath = redactor.text(value, MAX_TEXT_CHARS); return this; }
        /** The raw query string: secret-looking parameters and JWTs are redacted here. */
        public Builder urlQuery(String raw) { urlQuery = redactor.query(raw, MAX_TEXT_CHARS); return this; }
        public Builder userId(String value) { userId = shortText(value); return this; }
        public Builder userAgent(String value) { userAgent = redactor.text(value, MAX_TEXT_CHARS); return this; }
        public Builder serviceName(String value) { serviceName = shortText(value); return this; }
        /** The mode in force for this decision: {@code block} or {@code monitor}. */
        public Builder mode(String value) { mode = shortText(value); return this; }

        /** The input that caused the event; its value is redacted by source and name, then capped. */
        public Builder input(String source, String name, String value) {
            inputSource = shortText(source);
            inputName = redactor.text(name, MAX_SHORT_CHARS);
            inputValue = redactor.input(source, name, value);
            return this;
        }

        /** The sink: {@code kind} sql or shell, {@code maskedText} with its literals already masked by the caller. */
        public Builder sink(String sinkKindValue, String maskedText, String dialect) {
            sinkKind = shortText(sinkKindValue);
            sinkText = redactor.text(maskedText, MAX_SINK_CHARS);
            sinkDialect = shortText(dialect);
            return this;
        }

        /** Where the input lies in the sink text, as [start, end) character offsets. */
        public Builder matched(int start, int end) {
            matchedStart = start;
            matchedEnd = end;
            return this;
        }

        /** The tokens the input spans (their kinds or masked text); at most 64 are kept. */
        public Builder tokens(List<String> values) {
            List<String> kept = new ArrayList<>(Math.min(values.size(), MAX_LIST_ITEMS));
            for (int i = 0; i < values.size() && i < MAX_LIST_ITEMS; i++) {
                kept.add(shortText(values.get(i)));
            }
            tokens = Collections.unmodifiableList(kept);
            return this;
        }

        /** The application frames that reached the sink, innermost first; formatted by the writer thread. */
        public Builder callSite(StackTraceElement[] frames) {
            callSite = Arrays.copyOf(frames, Math.min(frames.length, MAX_CALL_SITE_FRAMES));
            return this;
        }

        /** For aggregated events: how many occurrences this one line stands for. */
        public Builder count(long value) { count = value; return this; }

        public Builder window(Instant start, Instant end) {
            windowStart = start;
            windowEnd = end;
            return this;
        }

        public Builder policyFile(String value) { policyFile = redactor.text(value, MAX_TEXT_CHARS); return this; }

        /**
         * An extension field under {@code bulwark}: a String, integral or floating-point Number, Boolean, or a List
         * of those. Keys are lower-case ASCII letters, digits and {@code _}; strings are redacted like inputs.
         *
         * @throws IllegalArgumentException for a malformed or reserved key or an unsupported value type
         */
        public Builder extra(String key, Object value) {
            if (!isExtraKey(key) || RESERVED_EXTRAS.contains(key)) {
                throw new IllegalArgumentException("not a usable extra field name: " + key);
            }
            if (extras == null) {
                extras = new LinkedHashMap<>();
            }
            if (extras.size() >= MAX_EXTRAS && !extras.containsKey(key)) {
                return this;
            }
            extras.put(key, extraValue(key, value, true));
            return this;
        }

        /**
         * @throws IllegalStateException when no action was set: a line without {@code event.action} is useless
         */
        public AttackEvent build() {
            if (action == null) {
                throw new IllegalStateException("event.action is required");
            }
            return new AttackEvent(this);
        }

        private Object extraValue(String key, Object value, boolean listAllowed) {
            if (value instanceof String s) {
                return redactor.named(key, s);
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Double || value instanceof Float) {
                return ((Number) value).doubleValue();
            }
            if (value instanceof Boolean) {
                return value;
            }
            if (listAllowed && value instanceof List<?> list) {
                List<Object> kept = new ArrayList<>(Math.min(list.size(), MAX_LIST_ITEMS));
                for (int i = 0; i < list.size() && i < MAX_LIST_ITEMS; i++) {
                    kept.add(extraValue(key, list.get(i), false));
                }
                return Collections.unmodifiableList(kept);
            }
            throw new IllegalArgumentException("unsupported value for extra field " + key + ": "
                    + (value == null ? "null" : value.getClass().getName()));
        }

        private String shortText(String value) {
            return redactor.text(value, MAX_SHORT_CHARS);
        }

        private static boolean isExtraKey(String key) {
            if (key == null || key.isEmpty() || key.length() > 64) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                    return false;
                }
            }
            return true;
        }
    }
}
