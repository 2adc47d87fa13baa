package io.bulwark.compat.boot;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/async/dispatch?q=}: starts async and re-dispatches to the search controller. */
class AsyncDispatchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        request.startAsync().dispatch("/api/products/search");
    }
}
