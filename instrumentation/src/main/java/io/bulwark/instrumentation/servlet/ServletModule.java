package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;

/** Request entry and exit for jakarta.servlet and javax.servlet containers. */
public final class ServletModule implements InstrumentationModule {

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        List<TypeInstrumentation> all = new ArrayList<>();
        for (ServletApi api : ServletApi.values()) {
            all.add(new ServletServiceInstrumentation(api));
            all.add(new FilterInstrumentation(api));
            all.add(new UserPrincipalInstrumentation(api));
            for (ServletInputStreamInstrumentation.Method method : ServletInputStreamInstrumentation.Method.values()) {
                all.add(new ServletInputStreamInstrumentation(api, method));
            }
            all.add(new RequestReaderInstrumentation(api));
            all.add(new AsyncStartInstrumentation(api));
            all.add(new AsyncContextStartInstrumentation(api));
            for (ResponseOutputInstrumentation.Overload overload : ResponseOutputInstrumentation.Overload.values()) {
                all.add(new ResponseOutputInstrumentation(api, overload));
            }
        }
        all.add(TomcatWriterInstrumentation.singleChar());
        all.add(TomcatWriterInstrumentation.range("[C"));
        all.add(TomcatWriterInstrumentation.range("Ljava/lang/String;"));
        return all;
    }
}
