package io.bulwark.agent;

import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.instrumentation.servlet.ServletInputs;
import io.bulwark.policies.injection.Input;
import java.util.List;

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
    private ActivePolicy.RouteMatch route;
    private volatile String blockedEventId;
    private volatile int blockedStatus;
    private volatile String blockedKind;

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

    List<Input> inputs() throws Throwable {
        if (inputs == null) {
            inputs = ServletInputs.collect(access, request);
        }
        return inputs;
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

    String blockedKind() {
        return blockedKind;
    }

    int blockedStatus() {
        return blockedStatus;
    }
}
