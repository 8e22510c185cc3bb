package dev.wren.hardware.simulator;

import java.time.Duration;

/** A clock that moves only when told to: deterministic tests of timing behaviour. */
public final class ManualClock implements SimClock {

    private volatile long nanos;

    @Override
    public long nanos() {
        return nanos;
    }

    /** Moves time forward. */
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        nanos += d.toNanos();
    }
}
