package io.bulwark.agent;

import io.bulwark.bootstrap.BulwarkPrincipal;
import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.instrumentation.servlet.ServletInputs;
import io.bulwark.policies.auth.Identity;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.JsonBodyInputs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * One request's state, from the outermost servlet entry to its exit. It rides on the request as an attribute (so
 * inner filters, forwards and re-dispatches see that the request is already being handled) and on the serving
 * thread (so sinks find it). Nothing is copied up front: inputs are gathered the first time a sink asks.
 */
final class RequestContext implements EntryRequest, BodySource {

    /** The request attribute that marks a request as already entered. */
    static final String ATTRIBUTE = "io.bulwark.context";

    final ServletAccess access;
    final Object request;
    final Object response;
    final ActivePolicy policy;
    final String method;
    final String uri;
    final String peer;
    /** The context that was current on this thread before, restored at exit (a request served inside another). */
    final RequestContext outer;

    private List<Input> inputs;
    private int inputsBodyLength = -1;
    private BodyCopy body;
    /** The body read at entry for the route's JSON rules; null on every other route. */
    private volatile SavedBody savedBody;
    private ActivePolicy.RouteMatch route;
    /** The client behind trusted proxies; set by entry, the peer until then. */
    String clientIp;
    private Identity identity;
    private BulwarkPrincipal principal;
    private volatile String blockedEventId;
    private volatile int blockedStatus;
    private volatile String blockedKind;
    /** The agent's time at entry, added to its time at exit for the latency histogram (one thread: the entry's). */
    long agentNanos;
    private volatile boolean answered;
    private boolean oversizeReported;
    private volatile ProblemResponse blockAnswer;
    /** The route's {@code maxBodySize}, counted as the app reads; null when the route sets none. */
    BodyBudget bodyBudget;
    /**
     * Rows read and response bytes written; null until the first of either (see {@link DataTransferGuard}). Volatile:
     * an async request counts on one thread and is judged at completion on another.
     */
    volatile RequestTransfer transfer;
    /** Set once entry let the request through: response bytes before that are the agent's own refusal. */
    volatile boolean appRunning;
    /** Flags set by compare-and-set (0 or 1): field updaters, not two AtomicBoolean objects per request. */
    private volatile int asyncFollowed;
    private volatile int closing;
    private static final AtomicIntegerFieldUpdater<RequestContext> ASYNC_FOLLOWED =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "asyncFollowed");
    private static final AtomicIntegerFieldUpdater<RequestContext> CLOSING =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "closing");
    private volatile boolean closed;
    private ContextLedger ledger;
    private Diagnostics diagnostics;

    RequestContext(ServletAccess access, Object request, Object response, ActivePolicy policy, RequestContext outer)
            throws Throwable {
        this.access = access;
        this.request = request;
        this.response = response;
        this.policy = policy;
        this.outer = outer;
        this.method = access.method(request);
        this.uri = access.requestUri(request);
        this.peer = access.remoteAddr(request);
        this.clientIp = peer;
    }

    /** The matched route, found once per request (at entry, when entry checks ran). */
    ActivePolicy.RouteMatch route() {
        if (route == null) {
            route = policy.routeOfRawPath(method, uri);
        }
        return route;
    }

    /** Records what entry found out: who the client and caller are, and the route that applies. */
    void entered(EntryOutcome outcome) {
        this.clientIp = outcome.clientIp();
        this.route = outcome.route();
        this.identity = outcome.identity();
    }

    /** The caller authenticated at entry, or null. */
    Identity identity() {
        return identity;
    }

    /** The caller as {@code getUserPrincipal()} shows it to the app when the container knows no user; or null. */
    BulwarkPrincipal principal() {
        // made when the app asks, which most requests never do
        if (principal == null && identity != null && identity.subject() != null) {
            principal = new BulwarkPrincipal(identity.subject());
        }
        return principal;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawPath() {
        return uri;
    }

    @Override
    public String peerAddress() {
        return peer;
    }

    @Override
    public List<String> headers(String name) {
        try {
            Enumeration<String> values = access.headers(request, name);
            if (values == null || !values.hasMoreElements()) {
                return List.of();
            }
            List<String> lines = new ArrayList<>(2);
            while (values.hasMoreElements()) {
                lines.add(values.nextElement());
            }
            return lines;
        } catch (Throwable t) {
            return List.of();
        }
    }

    /**
     * The request's inputs, gathered on first use and again only if the app has read more of the body since: the
     * sink sees the body as far as the app has read it.
     */
    List<Input> inputs() throws Throwable {
        if (savedBody != null) {
            return savedBodyInputs();
        }
        int bodyLength = body == null ? 0 : body.length();
        if (inputs == null || bodyLength != inputsBodyLength) {
            List<Input> gathered = ServletInputs.collect(access, request);
            if (bodyLength > 0 && isJson(header("Content-Type"))) {
                gathered.addAll(JsonBodyInputs.parse(body.bytes(), bodyLength,
                        ServletInputs.MAX_INPUTS - Math.min(gathered.size(), ServletInputs.MAX_INPUTS)));
            }
            inputs = gathered;
            inputsBodyLength = bodyLength;
        }
        return inputs;
    }

    /**
     * With a saved body every byte is known from the start: its JSON is scanned once, from the saved array, whatever
     * the declared content type, since the route's JSON rules judged it as JSON (an app that ignores the header
     * parses it so too).
     */
    private List<Input> savedBodyInputs() throws Throwable {
        if (inputs == null) {
            List<Input> gathered = ServletInputs.collect(access, request);
            SavedBody saved = savedBody;
            int scanned = (int) Math.min(saved.length(), policy.model().injection().maxScanBytes().bytes());
            if (scanned > 0) {
                gathered.addAll(JsonBodyInputs.parse(saved.bytes(), scanned,
                        ServletInputs.MAX_INPUTS - Math.min(gathered.size(), ServletInputs.MAX_INPUTS)));
            }
            inputs = gathered;
        }
        return inputs;
    }

    @Override
    public SavedBody saveBody(long cap, long declaredLength) throws IOException {
        if (savedBody == null) {
            Object stream;
            try {
                stream = access.inputStream(request);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw t instanceof IOException io ? io : new IOException(t);
            }
            SavedBody saved = SavedBody.read(stream, cap, declaredLength);
            SavedBodies.add(saved);
            savedBody = saved;
        }
        return savedBody;
    }

    /** The body entry saved for the app, or null. */
    SavedBody savedBody() {
        return savedBody;
    }

    void bodyRead(byte[] buffer, int offset, int count) {
        if (body == null) {
            body = new BodyCopy(policy.model().injection().maxScanBytes().bytes());
        }
        body.append(buffer, offset, count);
    }

    /** True when the app read more body than the scan limit. */
    boolean bodyOverflowed() {
        SavedBody saved = savedBody;
        if (saved != null && (!saved.complete()
                || saved.length() > policy.model().injection().maxScanBytes().bytes())) {
            return true;
        }
        return body != null && body.overflowed();
    }

    /**
     * {@code application/json} or a {@code +json} type, parameters and case aside. Judged in place (the bounds
     * {@code trim} would give, compared ignoring case): asked at every sink of a request with a body, it copies
     * nothing.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int from = 0;
        int to = contentType.indexOf(';');
        if (to < 0) {
            to = contentType.length();
        }
        while (from < to && contentType.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && contentType.charAt(to - 1) <= ' ') {
            to--;
        }
        int length = to - from;
        return length == JSON.length() && contentType.regionMatches(true, from, JSON, 0, length)
                || length >= JSON_SUFFIX.length()
                && contentType.regionMatches(true, to - JSON_SUFFIX.length(), JSON_SUFFIX, 0, JSON_SUFFIX.length());
    }

    private static final String JSON = "application/json";
    private static final String JSON_SUFFIX = "+json";

    @Override
    public String header(String name) {
        try {
            return access.header(request, name);
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public boolean secure() {
        try {
            return access.isSecure(request);
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public String queryString() {
        try {
            return access.queryString(request);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The request was refused after the app started (its body outgrew the route's limit): ends with {@code answer}. */
    void block(String eventId, ProblemResponse answer) {
        this.blockAnswer = answer;
        block(eventId, answer.status(), "body");
    }

    /** The answer set by {@link #block(String, ProblemResponse)}, or null for a blocked sink. */
    ProblemResponse blockAnswer() {
        return blockAnswer;
    }

    /** A sink was blocked: whatever the app does with the exception, the request ends as {@code status}. */
    void block(String eventId, int status, String kind) {
        this.blockedStatus = status;
        this.blockedKind = kind;
        this.blockedEventId = eventId;
    }

    String blockedEventId() {
        return blockedEventId;
    }

    boolean oversizeReported() {
        return oversizeReported;
    }

    void oversizeReported(boolean value) {
        this.oversizeReported = value;
    }

    /** True once the agent wrote its own response: the app's later output goes nowhere. */
    boolean answered() {
        return answered;
    }

    void answered(boolean value) {
        this.answered = value;
    }

    String blockedKind() {
        return blockedKind;
    }

    int blockedStatus() {
        return blockedStatus;
    }

    /** Counts this context as open; {@link #close()} counts it closed. */
    void open(ContextLedger ledger, Diagnostics diagnostics) {
        this.ledger = ledger;
        this.diagnostics = diagnostics;
        ledger.opened();
    }

    /** As {@link #close(Consumer)} with nothing to judge first (a request whose entry failed). */
    void close() {
        close(null);
    }

    /**
     * Ends the request's state: at the outermost servlet exit, or when its async cycle completes. {@code lastWords}
     * runs first, exactly once, while the request and response are still this request's (the final status, rows read
     * on an async thread). Safe from any thread; a second call is an agent bug and is reported, not repeated.
     */
    void close(Consumer<RequestContext> lastWords) {
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            if (diagnostics != null) {
                diagnostics.error("request context closed twice", new IllegalStateException(method + " " + uri));
            }
            return;
        }
        try {
            if (lastWords != null) {
                lastWords.accept(this);
            }
        } finally {
            closed = true;
            if (ledger != null) {
                ledger.closed();
            }
            if (savedBody != null) {
                SavedBodies.remove(savedBody);
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** True the first time: the async cycle's completion, not the servlet's exit, closes this context. */
    boolean followAsync() {
        return ASYNC_FOLLOWED.compareAndSet(this, 0, 1);
    }

    /** Following the async cycle failed: closing falls back to the servlet's exit. */
    void unfollowAsync() {
        asyncFollowed = 0;
    }

    boolean asyncFollowed() {
        return asyncFollowed == 1;
    }
}
