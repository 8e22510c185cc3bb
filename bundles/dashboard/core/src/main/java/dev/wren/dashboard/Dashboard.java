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
}
