package dev.wren.dashboard;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's state as its operator sees it, ready to serve: what a web adapter (the standalone
 * runtime's console plugin, a servlet on Kura's HTTP service) hands out behind its own
 * authentication. Every document is built from the running services, never from configuration
 * alone, and is cached for at most {@link #MAX_AGE_MS}: any number of viewers cost one build per
 * period. All methods are thread-safe, never block on I/O beyond procfs and one indexed outbox
 * read, and return a fresh array the caller may keep.
 *
 * <p>Relative layout an adapter serves, so the page's own requests resolve: the page at the adapter's
 * root ({@code <root>}), {@code <root>/status.json}, {@code <root>/trends.json} and
 * {@code <root>/metrics}. Only {@code GET} (and {@code HEAD}) are meaningful; the page sends no
 * request that changes state.
 */
@ProviderType
public interface Dashboard {

    /** Longest time a document is reused before it is built again, in milliseconds. */
    long MAX_AGE_MS = 1_000;

    /** Media type of {@link #metrics()}: the Prometheus text exposition format 0.0.4. */
    String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** @return the page, UTF-8 HTML with its script and style inline (no other resource) */
    byte[] page();

    /**
     * @return UTF-8 JSON: {@code device}, {@code power}, {@code sensors}, {@code outbox},
     *         {@code uplink}, {@code models}, {@code insights}, {@code peers} and {@code refused};
     *         documented in docs/dashboard.md
     */
    byte[] status();

    /** @return UTF-8 JSON: per sensor and quantity, the mean of each bucket of the last hour */
    byte[] trends();

    /** @return the metrics in the Prometheus text format ({@link #METRICS_TYPE}) */
    byte[] metrics();

    /**
     * What a web adapter answers to a {@code GET} or {@code HEAD} below its root, whatever its
     * servlet API: the document of {@code path}, a {@code 404} naming the paths served, or a
     * {@code 400} for a query string over {@value #MAX_QUERY} characters (no document takes a
     * parameter; a shorter one, such as a cache-buster, is ignored). Every answer carries
     * {@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options:
     * DENY} and {@code Referrer-Policy: no-referrer}; the page also its {@code Content-Security-Policy}.
     *
     * @param path  the request's path below the adapter's root: {@code ""} or {@code "/"} for the page
     * @param query the raw query string, or null
     */
    Answer answer(String path, String query);

    /** Longest query string tolerated, in characters. */
    int MAX_QUERY = 256;

    /**
     * An HTTP answer: status, media type, headers and body.
     *
     * @param headers in the order to set them
     */
    record Answer(int status, String contentType, java.util.Map<String, String> headers, byte[] body) {
    }
}
