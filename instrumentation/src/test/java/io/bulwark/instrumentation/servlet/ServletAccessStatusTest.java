package io.bulwark.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ServletAccessStatusTest {

    private static <T> T answering(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> m.getName().equals(method) ? value
                        : m.getName().equals("hashCode") ? System.identityHashCode(proxy) : null));
    }

    @Test
    void readsTheResponsesStatusThroughTheRequestsApi() throws Throwable {
        HttpServletRequest request = answering(HttpServletRequest.class, "getMethod", "GET");
        ServletAccess access = ServletAccess.of(request);

        assertThat(access.status(answering(HttpServletResponse.class, "getStatus", 404))).isEqualTo(404);
        assertThat(access.status(answering(HttpServletResponse.class, "getStatus", 200))).isEqualTo(200);
    }

    @Test
    void aResponseOfAnotherApiIsRefusedSoTheCallerCanAskItAnotherWay() {
        ServletAccess access = ServletAccess.of(answering(HttpServletRequest.class, "getMethod", "GET"));

        assertThatThrownBy(() -> access.status(new Object())).isInstanceOf(ClassCastException.class);
    }
}
