package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Tomcat's {@code getWriter()} ({@code CoyoteWriter}, the same class for javax and jakarta Tomcats) writes into the
 * connector's buffer directly, never through its {@code ServletOutputStream}, so text responses are counted here.
 * Characters are counted as bytes: exact for ASCII, a lower bound (at most 3 bytes per char fewer) for other text,
 * since the encoding happens later inside Tomcat. The other overloads and every {@code print} delegate to these.
 */
public final class TomcatWriterInstrumentation implements TypeInstrumentation {

    public static final String TYPE = "org.apache.catalina.connector.CoyoteWriter";

    private final boolean singleChar;
    private final Class<?> text;

    private TomcatWriterInstrumentation(boolean singleChar, Class<?> text) {
        this.singleChar = singleChar;
        this.text = text;
    }

    /** {@code write(int)}. */
    static TomcatWriterInstrumentation singleChar() {
        return new TomcatWriterInstrumentation(true, null);
    }

    /** {@code write(char[], int, int)} and {@code write(String, int, int)}: the length is argument 2 in both. */
    static TomcatWriterInstrumentation range(Class<?> text) {
        return new TomcatWriterInstrumentation(false, text);
    }

    @Override
    public String namedType() {
        return TYPE;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(TYPE);
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        ElementMatcher.Junction<MethodDescription> write = named("write").and(returns(void.class));
        return singleChar
                ? write.and(takesArguments(1)).and(takesArgument(0, int.class))
                : write.and(takesArguments(3)).and(takesArgument(0, text))
                        .and(takesArgument(1, int.class)).and(takesArgument(2, int.class));
    }

    @Override
    public Class<?> adviceClass() {
        return singleChar ? ResponseWriteByteAdvice.class : ResponseWriteRangeAdvice.class;
    }
}
