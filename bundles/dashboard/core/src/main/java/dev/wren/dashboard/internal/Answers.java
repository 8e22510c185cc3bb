package dev.wren.dashboard.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.wren.dashboard.Dashboard;
import dev.wren.dashboard.Dashboard.Answer;

/** The answers of {@link Dashboard#answer(String, String)}, for any web adapter. */
final class Answers {

    static final String PAGE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static Answer answer(Dashboard d, String path, String query) {
        if (query != null && query.length() > Dashboard.MAX_QUERY) {
            return plain(400, "Refused: a query string of " + query.length() + " characters; the dashboard takes no"
                    + " parameters (up to " + Dashboard.MAX_QUERY + " characters are ignored)");
        }
        return switch (path == null ? "" : path) {
            case "", "/" -> {
                Map<String, String> h = common();
                h.put("Content-Security-Policy", PAGE_POLICY);
                yield new Answer(200, "text/html; charset=utf-8", h, d.page());
            }
            case "/status.json" -> new Answer(200, "application/json", common(), d.status());
            case "/trends.json" -> new Answer(200, "application/json", common(), d.trends());
            case "/metrics" -> new Answer(200, Dashboard.METRICS_TYPE, common(), d.metrics());
            default -> plain(404, "Not found: the dashboard serves /, /status.json, /trends.json and /metrics");
        };
    }

    private static Answer plain(int status, String message) {
        return new Answer(status, "text/plain; charset=utf-8", common(), (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> common() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        return h;
    }

    private Answers() {
    }
}
