package io.bulwark.demo;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The demo's JSON in and out, with the app's own Jackson (not the agent's). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", String.valueOf(message)));
    }

    /** Returns null when the body is not JSON of the given shape; the caller answers 400. */
    static <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(request.getInputStream(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }
}
