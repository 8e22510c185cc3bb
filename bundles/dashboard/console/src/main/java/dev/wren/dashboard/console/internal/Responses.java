package dev.wren.dashboard.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.wren.dashboard.Dashboard;

import jakarta.servlet.http.HttpServletResponse;

/** What each path of the dashboard answers, with the headers every answer carries. */
final class Responses {

    /** Longest query string accepted (the documents take no parameter; a cache-buster is tolerated). */
    static final int MAX_QUERY = 256;

    static final String PAGE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static void serve(Dashboard d, String path, String query, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (query != null && query.length() > MAX_QUERY) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "Refused: query string of " + query.length()
                    + " characters; the dashboard takes no parameters (at most " + MAX_QUERY + " characters are ignored)");
            return;
        }
        switch (path) {
            case "", "/" -> {
                response.setHeader("Content-Security-Policy", PAGE_POLICY);
                send(response, "text/html; charset=utf-8", d.page());
            }
            case "/status.json" -> send(response, "application/json", d.status());
            case "/trends.json" -> send(response, "application/json", d.trends());
            case "/metrics" -> send(response, Dashboard.METRICS_TYPE, d.metrics());
            default -> plain(response, HttpServletResponse.SC_NOT_FOUND,
                    "Not found: the dashboard serves /, /status.json, /trends.json and /metrics");
        }
    }

    private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
        send(response, HttpServletResponse.SC_OK, type, body);
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Responses() {
    }
}
