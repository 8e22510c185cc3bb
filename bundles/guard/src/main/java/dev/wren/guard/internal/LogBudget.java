package dev.wren.guard.internal;

/**
 * At most {@code perMinute} log lines a minute, whatever an attacker sends: lines over the budget are
 * counted, and the next line allowed says how many were left out. Times are passed in (milliseconds of
 * a monotonic clock). Thread-safe.
 */
final class LogBudget {

    private final int perMinute;
    private long windowStart = Long.MIN_VALUE;
    private int used;
    private int suppressed;

    LogBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    /**
     * @return null if the line must be left out, else the number of lines left out before it (to
     *         append to it), 0 if none
     */
    synchronized Integer take(long now) {
        if (windowStart == Long.MIN_VALUE || now - windowStart >= 60_000) {
            windowStart = now;
            used = 0;
        }
        if (used >= perMinute) {
            suppressed++;
            return null;
        }
        used++;
        int before = suppressed;
        suppressed = 0;
        return before;
    }
}
