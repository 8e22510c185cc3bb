package dev.wren.uplink.internal;

import dev.wren.power.PowerMode;

/**
 * Connection windows in lean power modes: in DEGRADED and MINIMAL the uplink connects, drains
 * the outbox (every message acknowledged) or uses up {@value #MAX_WINDOW_MS} ms, and then stays
 * away for that mode's interval; in FULL, or with an interval of 0, it stays connected. A return
 * to FULL ends a gap at once. Pure and driven by the caller's clock; not thread-safe (the uplink
 * calls it under its lock, once a second).
 */
final class Duty {

    /** What the uplink should do now. */
    enum Action { NONE, SLEEP, WAKE }

    /** The longest connection window in a lean mode, even if the outbox never empties. */
    static final long MAX_WINDOW_MS = 120_000;

    /**
     * @param degradedS seconds between connection windows in DEGRADED, 0 = stay connected
     * @param minimalS  the same in MINIMAL
     */
    record Intervals(long degradedS, long minimalS) {

        static final Intervals DEFAULTS = new Intervals(300, 3_600);

        /** @throws IllegalArgumentException naming the property and its rule */
        static Intervals of(long degradedS, long minimalS) {
            if (degradedS < 0 || degradedS > 86_400) {
                throw new IllegalArgumentException("degraded.interval.s: must be 0 to 86400, was " + degradedS);
            }
            if (minimalS < 0 || minimalS > 86_400) {
                throw new IllegalArgumentException("minimal.interval.s: must be 0 to 86400, was " + minimalS);
            }
            return new Intervals(degradedS, minimalS);
        }

        long seconds(PowerMode mode) {
            return switch (mode) {
                case FULL -> 0;
                case DEGRADED -> degradedS;
                case MINIMAL -> minimalS;
            };
        }
    }

    private long idleUntil;
    private long connectedSince = -1;

    /**
     * @param connected whether the uplink is connected now
     * @param waiting   messages in the outbox not yet acknowledged
     */
    Action tick(PowerMode mode, Intervals intervals, boolean connected, long waiting, long now) {
        long interval = intervals.seconds(mode);
        if (idleUntil > 0) {
            if (interval == 0 || now >= idleUntil) {
                idleUntil = 0;
                return Action.WAKE;
            }
            return Action.NONE;
        }
        if (!connected || interval == 0) {
            connectedSince = connected ? connectedSince : -1;
            return Action.NONE;
        }
        if (connectedSince < 0) {
            connectedSince = now;
        }
        if (waiting == 0 || now - connectedSince >= MAX_WINDOW_MS) {
            idleUntil = now + interval * 1000;
            connectedSince = -1;
            return Action.SLEEP;
        }
        return Action.NONE;
    }

    /** @return the end of the current gap (epoch ms), or 0 when not idle */
    long idleUntil() {
        return idleUntil;
    }

    /** Forgets any gap (new settings start a connection at once). */
    void reset() {
        idleUntil = 0;
        connectedSince = -1;
    }
}
