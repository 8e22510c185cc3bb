package dev.wren.guard.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds the connections the web server keeps open between requests: each holds its buffers (about
 * 100 kB on Jetty 12), so a thousand pollers with keep-alive would fill a 64 MB heap. A connection is
 * known by its client address and port; one seen within {@link #IDLE_MS} keeps its place, a new one
 * takes a free place, and the others are told to close after their answer (they are still served).
 * Thread-safe.
 */
final class KeepAlives {

    /** A connection not seen for this long gives its place up (Jetty's idle timeout is longer). */
    static final long IDLE_MS = 30_000;

    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>(16, 0.75f, true);

    /** @return whether the connection {@code key} may stay open after this request */
    synchronized boolean keep(String key, int max, long now) {
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext();) {
            if (now - it.next().getValue() < IDLE_MS) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(key) || seen.size() < max) {
            seen.put(key, now);
            return true;
        }
        return false;
    }

    synchronized int size() {
        return seen.size();
    }
}
