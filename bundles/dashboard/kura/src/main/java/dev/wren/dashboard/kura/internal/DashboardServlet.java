package dev.wren.dashboard.kura.internal;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import dev.wren.dashboard.Dashboard;

/** The dashboard's documents on javax.servlet 3.1: GET and HEAD below the registration's path. */
final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Dashboard dashboard;

    DashboardServlet(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Dashboard.Answer a = dashboard.answer(request.getPathInfo(), request.getQueryString());
        response.setStatus(a.status());
        a.headers().forEach(response::setHeader);
        response.setContentType(a.contentType());
        response.setContentLength(a.body().length);
        response.getOutputStream().write(a.body());
    }
}
