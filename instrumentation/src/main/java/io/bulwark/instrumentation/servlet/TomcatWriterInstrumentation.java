package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;

/**
 * Tomcat's {@code getWriter()} ({@code CoyoteWriter}, the same class for javax and jakarta Tomcats) writes into the
 * connector's buffer directly, never through its {@code ServletOutputStream}, so text responses are counted here.
 * Characters are counted as bytes: exact for ASCII, a lower bound (at most 3 bytes per char fewer) for other text,
 * since the encoding happens later inside Tomcat. The other overloads and every {@code print} delegate to these.
 */
public final class TomcatWriterInstrumentation implements TypeInstrumentation {

    public static final String TYPE = "org.apache.catalina.connector.CoyoteWriter";

    private final boolean singleChar;
    /** The text parameter's descriptor for the range overloads. */
    private final String text;

    private TomcatWriterInstrumentation(boolean singleChar, String text) {
        this.singleChar = singleChar;
        this.text = text;
    }

    /** {@code write(int)}. */
    static TomcatWriterInstrumentation singleChar() {
        return new TomcatWriterInstrumentation(true, null);
    }

    /** {@code write(char[], int, int)} and {@code write(String, int, int)}: the length is argument 2 in both. */
    static TomcatWriterInstrumentation range(String text) {
        return new TomcatWriterInstrumentation(false, text);
    }

    @Override
    public String namedType() {
        return TYPE;
    }

    @Override
    public MethodRule methods() {
        MethodRule write = MethodRule.named("write").returns("V");
        return singleChar ? write.takes("I") : write.takes(text, "I", "I");
    }

    @Override
    public HookCode code() {
        return singleChar ? ServletHookCode.WRITE_BYTE : ServletHookCode.WRITE_RANGE;
    }
}
