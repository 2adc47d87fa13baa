package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventIds;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.agent.metrics.AttackType;
import io.bulwark.agent.metrics.DenialReason;
import io.bulwark.agent.metrics.Metrics;
import io.bulwark.bootstrap.BulwarkBlockedException;
import io.bulwark.bootstrap.Denied;
import io.bulwark.bootstrap.Dispatcher;
import io.bulwark.bootstrap.ThreadState;
import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.policies.auth.Identity;
import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Oversize;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.validation.Violation;
import java.security.Principal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's side of the bridge: turns each typed hook event into a question for the engines and acts on the
 * verdict. It owns the request context (opened at the outermost servlet entry, closed at its exit) and is the one
 * place that answers a request itself.
 */
final class Gateway extends Dispatcher {

    private static final int CALL_SITE_FRAMES = 6;

    /** Request attributes through which the app sees the caller the agent authenticated. */
    static final String SUBJECT_ATTRIBUTE = "bulwark.subject";
    static final String SCOPES_ATTRIBUTE = "bulwark.scopes";
    static final String CLAIMS_ATTRIBUTE = "bulwark.claims";

    private final Supplier<ActivePolicy> policy;
    private final Supplier<AttackLog> log;
    private final Diagnostics diagnostics;
    private final EntryChecks entryChecks;
    private final InsecureJdbcUrls insecureJdbcUrls;
    private final JdbcConnections jdbcConnections = new JdbcConnections();
    private final ContextLedger ledger = new ContextLedger();
    private final AsyncRequests async;
    private final HookCensus census;
    private final DataTransferGuard dataTransfer;
    /** Made once: a method reference evaluated per request is an object per request. */
    private final Consumer<RequestContext> onEnd = this::requestEnded;
    private final ExecutorContexts executors;
    private final Metrics metrics;

    Gateway(Supplier<ActivePolicy> policy, Supplier<AttackLog> log, Diagnostics diagnostics) {
        this(policy, log, diagnostics, null, Metrics.unpublished());
    }

    Gateway(Supplier<ActivePolicy> policy, Supplier<AttackLog> log, Diagnostics diagnostics, HookCensus census,
            Metrics metrics) {
        this.policy = policy;
        this.log = log;
        this.diagnostics = diagnostics;
        this.entryChecks = new EntryChecks(event -> log.get().offer(event));
        this.insecureJdbcUrls = new InsecureJdbcUrls(diagnostics::say);
        this.async = new AsyncRequests(diagnostics, this::end);
        this.census = census;
        this.dataTransfer = new DataTransferGuard(log);
        this.executors = new ExecutorContexts(diagnostics);
        this.metrics = metrics;
    }

    ContextLedger ledger() {
        return ledger;
    }

    /** The request context bound to this thread, or null. */
    private static RequestContext current() {
        return (RequestContext) ThreadState.current().request();
    }

    /** Binds a request's context to this thread (an async task, an async re-dispatch); returns what to restore. */
    static RequestContext bind(RequestContext context) {
        ThreadState state = ThreadState.current();
        RequestContext previous = (RequestContext) state.request();
        state.request(context);
        return previous;
    }

    static void unbind(RequestContext previous) {
        ThreadState.current().request(previous);
    }

    /** The scope of a re-dispatch on a thread that does not hold its request's context: bind, never close. */
    private record Resumed(RequestContext context, RequestContext previous) {
    }

    @Override
    public Object servletEnter(Object request, Object response) {
        long started = metrics.requests().entryStarted();
        ServletAccess access = ServletAccess.of(request);
        if (access == null) {
            return null;
        }
        RequestContext context = null;
        try {
            Object existing = access.attribute(request, RequestContext.ATTRIBUTE);
            if (existing != null) {
                // An inner filter or a forward (this thread holds the context already: nothing to do), or an async
                // or error re-dispatch on another thread, whose sinks must still be judged against this request.
                return existing instanceof RequestContext known && current() != known
                        ? new Resumed(known, bind(known)) : null;
            }
            if (census != null) {
                census.firstRequest();
            }
            ThreadState thread = ThreadState.current();
            context = new RequestContext(access, request, response, policy.get(), (RequestContext) thread.request());
            context.open(ledger, diagnostics);
            metrics.requestOpened();
            access.setAttribute(request, RequestContext.ATTRIBUTE, context);
            thread.request(context);
            if (context.policy.checksEntry()) {
                if (!admit(context)) {
                    restoreOuter(context);
                    end(context);
                    metrics.requests().deniedAtEntry(started);
                    return Denied.INSTANCE;
                }
            } else if (context.policy.clientIps() != null) {
                context.clientIp = EntryChecks.clientIp(context.policy, context);
            }
            context.appRunning = true;
            context.agentNanos = metrics.requests().entryNanos(started);
            return context;
        } catch (Throwable t) {
            diagnostics.error("servlet entry", t);
            if (context != null) {
                // exit advice gets no scope for this request, so nothing else would take the context off the thread
                restoreOuter(context);
                context.close();
            }
            return null;
        }
    }

    /**
     * Runs the entry protections. A refusal is answered here, since the app will not run and exit advice will not
     * see this request; an admitted caller is handed to the app through request attributes.
     */
    private boolean admit(RequestContext context) throws Throwable {
        EntryOutcome outcome;
        try {
            outcome = entryChecks.run(context.policy, context, System.currentTimeMillis(), System.nanoTime());
        } catch (RuntimeException | LinkageError e) {
            // Fail closed: letting the request through would skip authentication, which is worse for the app than
            // an error answer. Reported like every other agent failure.
            diagnostics.error("entry checks", e);
            outcome = EntryOutcome.denied(context.clientIp, context.policy.noMatch(), null,
                    ProblemResponse.entryFailed());
        }
        context.entered(outcome);
        if (outcome.isDenied()) {
            ProblemResponse problem = outcome.denial();
            metrics.requests().denied(DenialReason.ofProblemType(problem.type()));
            if (!context.access.isCommitted(context.response)) {
                context.access.writeResponse(context.response, problem.status(), problem.headers(),
                        ProblemResponse.CONTENT_TYPE, problem.body());
            }
            context.answered(true);
            return false;
        }
        AdmissionEffects.apply(context);
        Identity identity = outcome.identity();
        if (identity != null) {
            if (identity.subject() != null) {
                context.access.setAttribute(context.request, SUBJECT_ATTRIBUTE, identity.subject());
            }
            context.access.setAttribute(context.request, SCOPES_ATTRIBUTE, identity.scopes());
            context.access.setAttribute(context.request, CLAIMS_ATTRIBUTE, identity.claims());
        }
        return true;
    }

    @Override
    public Principal userPrincipal(Object request) {
        ServletAccess access = ServletAccess.of(request);
        if (access == null) {
            return null;
        }
        try {
            return access.attribute(request, RequestContext.ATTRIBUTE) instanceof RequestContext context
                    ? context.principal() : null;
        } catch (Throwable t) {
            diagnostics.error("user principal", t);
            return null;
        }
    }

    @Override
    public Throwable servletExit(Object scope, Object request, Object response, Throwable thrown) {
        if (scope instanceof Resumed resumed) {
            unbind(resumed.previous());
            return resumed.context().answered() && resumed.context().blockedEventId() != null ? null : thrown;
        }
        RequestContext context = (RequestContext) scope;
        long started = metrics.requests().exitStarted(context.agentNanos);
        try {
            if (context.blockedEventId() != null) {
                if (context.answered() || answer(context)) {
                    // The request was refused and answered; what the app threw afterwards (our block exception, or
                    // its own failure to write to a response that is no longer its) must not reach the container,
                    // which would log it as an app error.
                    thrown = null;
                }
            }
        } catch (Throwable t) {
            diagnostics.error("servlet exit", t);
        } finally {
            restoreOuter(context);
            if (!context.asyncFollowed()) {
                end(context); // else the async cycle's completion ends it, once its rows and bytes are all counted
            }
            metrics.requests().exited(context.agentNanos, started);
        }
        return thrown;
    }

    /** The request is over: judged once with its final status, then closed. */
    private void end(RequestContext context) {
        context.close(onEnd);
    }

    /** Data-transfer and spike accounting once the status is known; never fails the request's exit. */
    private void requestEnded(RequestContext context) {
        try {
            dataTransfer.requestEnded(context, status(context));
        } catch (Throwable t) {
            diagnostics.error("request end", t);
        }
    }

    /**
     * The final status through the request's own API handles, which every request's end needs (spike counting):
     * a per-class lookup of the response's getter cost more than the read itself. A response that is not of the
     * request's API (a wrapper from elsewhere) is asked the slow way.
     */
    private static int status(RequestContext context) {
        if (context.response == null) {
            return 0;
        }
        try {
            return context.access.status(context.response);
        } catch (Throwable notThisApi) {
            return ResponseStatus.of(context.response);
        }
    }

    @Override
    public void rowRead() {
        RequestContext context = current();
        if (context != null) {
            refuseTransfer(context, dataTransfer.rowRead(context));
        }
    }

    @Override
    public void responseWrite(long count) {
        RequestContext context = current();
        if (context != null) {
            refuseTransfer(context, dataTransfer.responseWrite(context, count));
        }
    }

    /** Refused by {@link DataTransferGuard}: answered 403 if nothing was sent yet, and the read or write fails. */
    private void refuseTransfer(RequestContext context, String eventId) {
        if (eventId == null) {
            return;
        }
        if (context.blockedEventId() == null) {
            ProblemResponse refusal = DataTransferGuard.refusal(eventId);
            context.block(eventId, refusal);
            refusedWhileRunning(refusal);
            answer(context);
        }
        throw new BulwarkBlockedException(eventId, "data transfer over its limit, refused by Bulwark (event "
                + eventId + ")");
    }

    /**
     * A refusal after entry, counted by its answer's problem type like those at entry: a body over
     * {@code maxBodySize} is {@code invalid-input} whether its declared length or its bytes gave it away.
     */
    private void refusedWhileRunning(ProblemResponse refusal) {
        metrics.requests().denied(DenialReason.ofProblemType(refusal.type()));
    }

    /**
     * Set, not removed, when there is no outer context: the thread's slot then holds null (nothing of the request
     * outlives it) and stays, where {@code remove()} would make the next request on this thread allocate a new one.
     */
    private static void restoreOuter(RequestContext context) {
        unbind(context.outer);
    }

    /**
     * Answers a blocked request with its problem response, unless the app already committed its own response
     * (then the block exception alone ends it). Done at the sink, before the exception is thrown, because an app
     * that catches the exception usually writes and commits an error of its own before the servlet returns.
     */
    private boolean answer(RequestContext context) {
        // a task on another thread blocks while its request's own exit may be answering: one of them writes
        synchronized (context) {
            if (context.answered()) {
                return true;
            }
            try {
                if (context.isClosed() || context.access.isCommitted(context.response)) {
                    // closed: a task on the app's executor outlived its request; the response may be another's now
                    return false;
                }
                ProblemResponse problem = context.blockAnswer() != null ? context.blockAnswer()
                        : ProblemResponse.forBlock(context.blockedKind(), context.blockedEventId());
                context.access.writeResponse(context.response, problem.status(), problem.headers(),
                        ProblemResponse.CONTENT_TYPE, problem.body());
                context.answered(true);
                return true;
            } catch (Throwable t) {
                diagnostics.error("writing the block response", t);
                return false;
            }
        }
    }

    @Override
    public void sql(Object jdbcObject, String sql, String method) {
        long started = metrics.attacks().sinkStarted();
        try {
            checkSql(jdbcObject, sql, method);
        } finally {
            metrics.attacks().sinkFinished(started);
        }
    }

    private void checkSql(Object jdbcObject, String sql, String method) {
        SqlDialect dialect = dialectOf(jdbcObject);
        RequestContext context = current();
        if (context == null || sql == null) {
            return; // outside a request nothing the client sent can reach the statement
        }
        Mode mode = context.policy.mode(Protection.SQL_INJECTION, context.route());
        if (mode == Mode.OFF) {
            return;
        }
        List<Input> inputs = inputs(context);
        checkOversize(context, mode);
        if (inputs.isEmpty()) {
            return;
        }
        Finding finding = context.policy.injection().checkSql(sql, dialect, inputs);
        if (finding != null) {
            onInjection(context, finding, mode);
        }
    }

    @Override
    public void processStart(String[] command) {
        long started = metrics.attacks().sinkStarted();
        try {
            checkProcessStart(command);
        } finally {
            metrics.attacks().sinkFinished(started);
        }
    }

    private void checkProcessStart(String[] command) {
        RequestContext context = current();
        if (context == null || command == null) {
            return;
        }
        Mode mode = context.policy.mode(Protection.SHELL_INJECTION, context.route());
        if (mode == Mode.OFF) {
            return;
        }
        List<Input> inputs = inputs(context);
        checkOversize(context, mode);
        if (inputs.isEmpty()) {
            return;
        }
        Finding finding = context.policy.injection().checkCommand(command, inputs);
        if (finding != null) {
            onInjection(context, finding, mode);
        }
    }

    @Override
    public void bodyRead(byte[] buffer, int offset, int count) {
        RequestContext context = current();
        if (context != null) {
            context.bodyRead(buffer, offset, count);
            BodyBudget budget = context.bodyBudget;
            if (budget != null && budget.add(count)) {
                onBodyTooLarge(context, budget);
            }
        }
    }

    // --- a body read at entry for JSON rules, served to the app (BodyReplay) ---

    private static SavedBody savedBodyOf(Object stream) {
        RequestContext context = current();
        return BodyReplay.find(context == null ? null : context.savedBody(), stream);
    }

    @Override
    public int bodyReplayRead(Object stream, byte[] buffer, int offset, int length) {
        return BodyReplay.read(savedBodyOf(stream), buffer, offset, length);
    }

    @Override
    public int bodyReplayByte(Object stream) {
        return BodyReplay.read(savedBodyOf(stream));
    }

    @Override
    public int bodyReplayBuffer(Object stream, java.nio.ByteBuffer buffer) {
        return BodyReplay.read(savedBodyOf(stream), buffer);
    }

    @Override
    public int bodyReplayState(Object stream, int question) {
        return BodyReplay.state(savedBodyOf(stream), question);
    }

    @Override
    public boolean bodyReplayListener(Object stream, Object listener) {
        return BodyReplay.listen(savedBodyOf(stream), stream, listener);
    }

    @Override
    public java.io.BufferedReader bodyReader(Object request) {
        try {
            return BodyReplay.reader(request);
        } catch (Throwable t) {
            diagnostics.error("request body reader", t);
            return null;
        }
    }

    /**
     * The body outgrew the route's {@code maxBodySize} while the app read it (chunked, or longer than declared).
     * Refused like a blocked sink: answered 413 now, then the read throws so the app stops before using the bytes.
     */
    private void onBodyTooLarge(RequestContext context, BodyBudget budget) {
        String eventId = EventIds.next();
        boolean block = budget.blocks();
        List<Violation> violations = List.of(budget.violation());
        AttackEvent.Builder event = EntryValidation.event(
                EntryEvents.about(context.policy, context, context.clientIp, eventId, block), violations);
        event.extra("body_bytes_read_over", budget.limit());
        log.get().offer(event.build());
        if (!block) {
            return;
        }
        ProblemResponse refusal = ProblemResponse.invalidInput(violations, eventId);
        context.block(eventId, refusal);
        refusedWhileRunning(refusal);
        answer(context);
        throw new BulwarkBlockedException(eventId, "request body over its limit, refused by Bulwark (event "
                + eventId + ")");
    }

    /**
     * The SQL dialect of the statement's connection, from its URL, looked up once per connection; the first time, the
     * URL is also checked for TLS turned off. Checked outside requests too: the warning is about the app, not a
     * request.
     */
    private SqlDialect dialectOf(Object jdbcObject) {
        try {
            Connection connection = jdbcObject instanceof Statement statement
                    ? statement.getConnection() : (Connection) jdbcObject;
            return connection == null ? SqlDialect.GENERIC
                    : jdbcConnections.dialect(connection, insecureJdbcUrls::check);
        } catch (Throwable t) {
            // a closed statement or a driver without metadata: nothing to warn about, and the default dialect
            return SqlDialect.GENERIC;
        }
    }

    @Override
    public void asyncStarted(Object request, Object asyncContext) {
        try {
            async.started(request, asyncContext);
        } catch (Throwable t) {
            diagnostics.error("following an async request", t);
        }
    }

    @Override
    public Runnable asyncTask(Object asyncContext, Runnable task) {
        try {
            return async.task(asyncContext, task);
        } catch (Throwable t) {
            diagnostics.error("binding an async task", t);
            return null;
        }
    }

    @Override
    public Runnable contextRunnable(Runnable task) {
        return executors.bind(task, current());
    }

    @Override
    public <V> java.util.concurrent.Callable<V> contextCallable(java.util.concurrent.Callable<V> task) {
        return executors.bind(task, current());
    }

    @Override
    public Runnable taskOf(Object queued) {
        return ExecutorContexts.taskOf(queued);
    }

    @Override
    public void adviceError(String where, Throwable error) {
        diagnostics.error(where, error);
    }

    private List<Input> inputs(RequestContext context) {
        try {
            return context.policy.withoutAllowed(context.route(), context.inputs());
        } catch (Throwable t) {
            diagnostics.error("reading request inputs", t);
            return List.of();
        }
    }

    /**
     * The app read more body than {@code injection.maxScanBytes}: the sink is checked against what was scanned, and
     * the policy's {@code oversize} says whether that is acceptable (logged once per request) or refused with 413,
     * so that padding a body is never a bypass nobody sees.
     */
    private void checkOversize(RequestContext context, Mode mode) {
        if (!context.bodyOverflowed() || context.oversizeReported()) {
            return;
        }
        context.oversizeReported(true);
        boolean reject = context.policy.model().injection().oversize() == Oversize.REJECT && mode == Mode.BLOCK;
        String eventId = EventIds.next();
        AttackEvent.Builder event = AttackEvent.builder(context.policy.redactor())
                .id(eventId)
                .kind(reject ? EventKind.ALERT : EventKind.EVENT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB)
                .type(reject ? EventType.DENIED : EventType.INFO)
                .action(reject ? EventActions.BODY_TOO_LARGE : EventActions.SCAN_TRUNCATED)
                .outcome(reject ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .reason("request body larger than injection.maxScanBytes ("
                        + context.policy.model().injection().maxScanBytes() + "); only that much was inspected")
                .rule("injection.oversize", "Body larger than the scan limit")
                .mode(reject ? "block" : "monitor")
                .policyFile(context.policy.fileName());
        describeRequest(event, context);
        if (reject) {
            event.statusCode(413);
            context.block(eventId, 413, ProblemResponse.BODY_TOO_LARGE);
            refusedWhileRunning(ProblemResponse.bodyTooLarge(eventId));
            answer(context);
        }
        log.get().offer(event.build());
        if (reject) {
            throw new BulwarkBlockedException(eventId, "request body too large to inspect (event " + eventId + ")");
        }
    }

    private void onInjection(RequestContext context, Finding finding, Mode mode) {
        boolean block = mode == Mode.BLOCK;
        String eventId = EventIds.next();
        boolean sql = "sql".equals(finding.kind());
        metrics.attacks().found(AttackType.ofFindingKind(finding.kind()), block);
        String action = sql
                ? (block ? EventActions.SQL_INJECTION_BLOCKED : EventActions.SQL_INJECTION_DETECTED)
                : (block ? EventActions.SHELL_INJECTION_BLOCKED : EventActions.SHELL_INJECTION_DETECTED);
        AttackEvent.Builder event = AttackEvent.builder(context.policy.redactor())
                .id(eventId)
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB,
                        sql ? EventCategory.DATABASE : EventCategory.PROCESS)
                .type(block ? EventType.DENIED : EventType.INDICATOR)
                .action(action)
                .outcome(block ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .reason(finding.reason())
                .severity(block ? 7 : 5)
                .rule(sql ? "injection.sql" : "injection.shell", sql ? "SQL injection" : "Shell injection")
                .mode(block ? "block" : "monitor")
                .input(finding.input().source().label(), finding.input().name(), finding.input().value())
                .sink(finding.kind(), finding.maskedSink(), finding.dialect())
                .matched(finding.start(), finding.end())
                .tokens(finding.tokens())
                .callSite(callSite())
                .policyFile(context.policy.fileName());
        describeRequest(event, context);
        if (block) {
            event.statusCode(403);
            context.block(eventId, 403, finding.kind());
            answer(context);
        }
        log.get().offer(event.build());
        if (block) {
            throw new BulwarkBlockedException(eventId, finding.kind() + " injection blocked by Bulwark (event "
                    + eventId + ")");
        }
    }

    static void describeRequest(AttackEvent.Builder event, RequestContext context) {
        // an ended request's object may already describe the container's next request: read only what was copied
        boolean live = !context.isClosed();
        event.sourceIp(context.clientIp)
                .httpMethod(context.method)
                .urlPath(context.uri)
                .urlQuery(live ? context.queryString() : null)
                .userAgent(live ? context.header("User-Agent") : null);
    }

    /** The app's frames nearest the sink: the agent's and the JDK's own frames say nothing to the reader. */
    private static StackTraceElement[] callSite() {
        StackTraceElement[] trace = new Throwable().getStackTrace();
        return Arrays.stream(trace)
                .filter(f -> !isPlumbing(f.getClassName()))
                .limit(CALL_SITE_FRAMES)
                .toArray(StackTraceElement[]::new);
    }

    private static boolean isPlumbing(String className) {
        return className.startsWith("io.bulwark.agent.") || className.startsWith("io.bulwark.bootstrap.")
                || className.startsWith("io.bulwark.instrumentation.") || className.startsWith("io.bulwark.policies.")
                || className.startsWith("io.bulwark.shaded.") || className.startsWith("java.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.zaxxer.hikari.")
                || className.startsWith("org.h2.jdbc.") || className.startsWith("org.postgresql.jdbc.")
                || className.startsWith("org.mariadb.jdbc.") || className.startsWith("com.mysql.cj.jdbc.")
                || className.startsWith("org.hsqldb.jdbc.") || className.startsWith("org.sqlite.")
                // JdbcTemplate runs the app's SQL from its own callbacks; the app's frame is the one that called it
                || className.startsWith("org.springframework.jdbc.");
    }

    private static boolean causedByBlock(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BulwarkBlockedException) {
                return true;
            }
        }
        return false;
    }
}
