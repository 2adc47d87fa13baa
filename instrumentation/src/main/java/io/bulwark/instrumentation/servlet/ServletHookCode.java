package io.bulwark.instrumentation.servlet;

import static io.bulwark.instrumentation.HookCode.Value.ENTER;
import static io.bulwark.instrumentation.HookCode.Value.RETURN;
import static io.bulwark.instrumentation.HookCode.Value.THIS;
import static io.bulwark.instrumentation.HookCode.Value.THROWN;
import static io.bulwark.instrumentation.HookCode.Value.argument;
import static io.bulwark.instrumentation.HookCode.Value.constant;

import io.bulwark.instrumentation.HookCode;

/** What the servlet hooks add to the container's and the app's methods: calls to the bridge, nothing more. */
final class ServletHookCode {

    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String THROWABLE = "Ljava/lang/Throwable;";

    /**
     * {@code Servlet.service} and {@code Filter.doFilter}: types are {@code Object} so the same code fits jakarta and
     * javax; the bridge decides whether this is the request's outermost call, and returns {@code Denied} when the
     * agent has answered the request itself (the app's code is then skipped). What the exit returns is thrown.
     */
    static final HookCode ENTRY = HookCode.enter("servletEnter", "(" + OBJECT + OBJECT + ")" + OBJECT,
                    argument(0), argument(1))
            .skipWhenDenied()
            .exitEvenOnThrow("servletExit", "(" + OBJECT + OBJECT + OBJECT + THROWABLE + ")" + THROWABLE,
                    ENTER, argument(0), argument(1), THROWN)
            .replacingThrown();

    /** {@code getUserPrincipal()}: the principal the agent authenticated when the container has none. */
    static final HookCode USER_PRINCIPAL = HookCode.noEnter()
            .exit("userPrincipal", "(" + OBJECT + "Ljava/security/Principal;)Ljava/security/Principal;", THIS, RETURN)
            .replacingReturn();

    /** {@code read(byte[], int, int)}: replays a body the agent read at entry, or counts what the app reads. */
    static final HookCode READ_ARRAY = HookCode.enter("bodyReplayRead", "(" + OBJECT + "[BII)I",
                    THIS, argument(0), argument(1), argument(2))
            .skipWhenNotDefault()
            .exitEvenOnThrow("bodyReadExit", "(I[BII" + THROWABLE + ")I",
                    ENTER, argument(0), argument(1), RETURN, THROWN)
            .replacingReturn();

    /** {@code read()}. */
    static final HookCode READ_BYTE = HookCode.enter("bodyReplayByte", "(" + OBJECT + ")I", THIS)
            .skipWhenNotDefault()
            .exitEvenOnThrow("bodyReadByteExit", "(II" + THROWABLE + ")I", ENTER, RETURN, THROWN)
            .replacingReturn();

    /** {@code read(ByteBuffer)} (Servlet 6.1): only replays; containers read through the array method. */
    static final HookCode READ_BUFFER = HookCode.enter("bodyReplayBuffer", "(" + OBJECT + "Ljava/nio/ByteBuffer;)I",
                    THIS, argument(0))
            .skipWhenNotDefault()
            .exit("replayedOr", "(II)I", ENTER, RETURN)
            .replacingReturn();

    /** {@code available()}, {@code isFinished()}, {@code isReady()}: the replayed body's state (question 0, 1, 2). */
    static final HookCode AVAILABLE = replayState(0, "(II)I", "replayedOr");
    static final HookCode IS_FINISHED = replayState(1, "(IZ)Z", "replayedFlagOr");
    static final HookCode IS_READY = replayState(2, "(IZ)Z", "replayedFlagOr");

    /** {@code setReadListener}: a replayed body calls the app's listener itself. */
    static final HookCode SET_READ_LISTENER = HookCode.enter("bodyReplayListener", "(" + OBJECT + OBJECT + ")Z",
                    THIS, argument(0))
            .skipWhenNotDefault();

    /** {@code getReader()} after the agent read the stream at entry: the reader over the saved bytes. */
    static final HookCode GET_READER = HookCode.noEnter()
            .rescueOnThrow("bodyReader", "(" + OBJECT + THROWABLE + ")Ljava/io/BufferedReader;", THIS, THROWN);

    /** {@code startAsync(...)}: the request continues on another thread. */
    static final HookCode ASYNC_STARTED = HookCode.noEnter()
            .exit("asyncStarted", "(" + OBJECT + OBJECT + ")V", THIS, RETURN);

    /** {@code AsyncContext.start(Runnable)}: the task carries the request. */
    static final HookCode ASYNC_TASK = HookCode.enter("asyncTask",
                    "(" + OBJECT + "Ljava/lang/Runnable;)Ljava/lang/Runnable;", THIS, argument(0))
            .replacingArgument(0);

    /** Response writes: the byte count is found where each overload keeps it. */
    static final HookCode WRITE_RANGE = write("responseWriteCount", "(I)V", argument(2));
    static final HookCode WRITE_ARRAY = write("responseWriteArray", "([B)V", argument(0));
    static final HookCode WRITE_BYTE = write("responseWriteCount", "(I)V", constant(1));
    static final HookCode WRITE_BUFFER = write("responseWriteBuffer", "(Ljava/nio/ByteBuffer;)V", argument(0));

    private ServletHookCode() {
    }

    private static HookCode replayState(int question, String exitDescriptor, String exitMethod) {
        return HookCode.enter("bodyReplayState", "(" + OBJECT + "I)I", THIS, constant(question))
                .skipWhenNotDefault()
                .exit(exitMethod, exitDescriptor, ENTER, RETURN)
                .replacingReturn();
    }

    private static HookCode write(String method, String descriptor, HookCode.Value count) {
        return HookCode.enter(method, descriptor, count).exitEvenOnThrow("responseWriteExit", "()V");
    }
}
