package dev.wren.uplink.internal;

import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next connection attempt: {@code initial} after the first failure,
 * doubling with each failure in a row up to {@code max}, each wait shortened by a random part of
 * up to {@code jitter} of itself so that gateways that lost the broker together do not come
 * back together.
 */
record Backoff(long initialMs, long maxMs, double jitter, DoubleSupplier random) {

    /** @return the wait after {@code failures} (1 or more) failed attempts in a row, in ms */
    long delayMs(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        long base = initialMs > (maxMs >> doublings) ? maxMs : Math.min(maxMs, initialMs << doublings);
        return Math.round(base * (1 - jitter * random.getAsDouble()));
    }
}
