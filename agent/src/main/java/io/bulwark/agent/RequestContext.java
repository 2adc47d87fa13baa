package io.bulwark.agent;

import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.instrumentation.servlet.ServletInputs;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.JsonBodyInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request's state, from the outermost servlet entry to its exit. It rides on the request as an attribute (so
 * inner filters, forwards and re-dispatches see that the request is already being handled) and on the serving
 * thread (so sinks find it). Nothing is copied up front: inputs are gathered the first time a sink asks.
 */
final class RequestContext {

    /** The request attribute that marks a request as already entered. */
    static final String ATTRIBUTE = "io.bulwark.context";

    final ServletAccess access;
    final Object request;
    final Object response;
    final ActivePolicy policy;
    final String method;
    final String uri;
    final String clientIp;
    /** The context that was current on this thread before, restored at exit (a request served inside another). */
    final RequestContext outer;

    private List<Input> inputs;
    private int inputsBodyLength = -1;
    private BodyCopy body;
    private ActivePolicy.RouteMatch route;
    private volatile String blockedEventId;
    private volatile int blockedStatus;
    private volatile String blockedKind;
    private volatile boolean answered;

    RequestContext(ServletAccess access, Object request, Object response, ActivePolicy policy, RequestContext outer)
            throws Throwable {
        this.access = access;
        this.request = request;
        this.response = response;
        this.policy = policy;
        this.outer = outer;
        this.method = access.method(request);
        this.uri = access.requestUri(request);
        this.clientIp = access.remoteAddr(request);
    }

    /** The matched route, found once per request. */
    ActivePolicy.RouteMatch route() {
        if (route == null) {
            route = policy.route(method, uri == null ? "/" : uri);
        }
        return route;
    }

    /**
     * The request's inputs, gathered on first use and again only if the app has read more of the body since: the
     * sink sees the body as far as the app has read it.
     */
    List<Input> inputs() throws Throwable {
        int bodyLength = body == null ? 0 : body.length();
        if (inputs == null || bodyLength != inputsBodyLength) {
            List<Input> gathered = ServletInputs.collect(access, request);
            if (bodyLength > 0 && isJson(header("Content-Type"))) {
                gathered = new ArrayList<>(gathered);
                gathered.addAll(JsonBodyInputs.parse(body.bytes(), bodyLength,
                        ServletInputs.MAX_INPUTS - Math.min(gathered.size(), ServletInputs.MAX_INPUTS)));
            }
            inputs = gathered;
            inputsBodyLength = bodyLength;
        }
        return inputs;
    }

    void bodyRead(byte[] buffer, int offset, int count) {
        if (body == null) {
            body = new BodyCopy(policy.model().injection().maxScanBytes().bytes());
        }
        body.append(buffer, offset, count);
    }

    /** True when the app read more body than the scan limit. */
    boolean bodyOverflowed() {
        return body != null && body.overflowed();
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("application/json") || type.endsWith("+json");
    }

    String header(String name) {
        try {
            return access.header(request, name);
        } catch (Throwable t) {
            return null;
        }
    }

    String queryString() {
        try {
            return access.queryString(request);
        } catch (Throwable t) {
            return null;
        }
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
}
