package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * Response body bytes at the container's {@code ServletOutputStream}: each {@code write} overload gets its own
 * advice, since each finds its byte count in a different argument. Jetty's {@code getWriter()} encodes into its
 * {@code HttpOutput}, so text responses pass here too; Tomcat's writer goes straight to its output buffer and is not
 * counted (a known gap).
 */
public final class ResponseOutputInstrumentation implements TypeInstrumentation {

    /** The overloads, each with its length in a different argument. */
    enum Overload { RANGE, ARRAY, SINGLE_BYTE, BUFFER }

    private final ServletApi api;
    private final Overload overload;

    ResponseOutputInstrumentation(ServletApi api, Overload overload) {
        this.api = api;
        this.overload = overload;
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("ServletOutputStream");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("ServletOutputStream"));
    }

    @Override
    public MethodRule methods() {
        MethodRule write = MethodRule.named("write").returns("V");
        return switch (overload) {
            case RANGE -> write.takes("[B", "I", "I");
            case ARRAY -> write.takes("[B");
            case SINGLE_BYTE -> write.takes("I");
            case BUFFER -> write.takes("Ljava/nio/ByteBuffer;");
        };
    }

    @Override
    public HookCode code() {
        return switch (overload) {
            case RANGE -> ServletHookCode.WRITE_RANGE;
            case ARRAY -> ServletHookCode.WRITE_ARRAY;
            case SINGLE_BYTE -> ServletHookCode.WRITE_BYTE;
            case BUFFER -> ServletHookCode.WRITE_BUFFER;
        };
    }
}
