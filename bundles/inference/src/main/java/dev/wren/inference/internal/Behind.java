package dev.wren.inference.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sensors' pipelines fall behind: an analysis window that waited longer than the limit
 * before its turn marks its sensor behind for the next {@value #HOLD_MS} ms, renewed by every late
 * window, so that a lane that sheds its work to peers does not flap back at the first window that
 * is on time again.
 */
final class Behind {

    static final long HOLD_MS = 30_000;

    private final Map<String, Long> until = new ConcurrentHashMap<>();

    /**
     * @param limitMs 0 = never behind
     * @return whether the sensor counts as behind now; true the first time it becomes so is also
     *         reported by {@code started}
     */
    boolean check(String sensor, long captureNanos, long limitMs, long now, Runnable started) {
        if (limitMs > 0 && captureNanos > limitMs * 1_000_000) {
            if (until.put(sensor, now + HOLD_MS) == null) {
                started.run();
            }
            return true;
        }
        Long u = until.get(sensor);
        if (u != null && u <= now) {
            until.remove(sensor);
            return false;
        }
        return u != null;
    }

    Map<String, Long> sensors() {
        return until;
    }
}
