package dev.wren.dashboard.console.internal;

import java.io.IOException;

import dev.wren.dashboard.Dashboard;

import jakarta.servlet.http.HttpServletResponse;

/** Writes a {@link Dashboard.Answer} to a jakarta servlet response. */
final class Responses {

    static void write(Dashboard.Answer a, HttpServletResponse response) throws IOException {
        response.setStatus(a.status());
        a.headers().forEach(response::setHeader);
        response.setContentType(a.contentType());
        response.setContentLength(a.body().length);
        response.getOutputStream().write(a.body());
    }

    private Responses() {
    }
}
