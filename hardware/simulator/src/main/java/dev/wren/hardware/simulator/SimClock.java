package dev.wren.hardware.simulator;

/**
 * Time as the simulated chips see it, in nanoseconds from an arbitrary origin. Conversion
 * times, FIFO filling and battery drain all follow it.
 */
@FunctionalInterface
public interface SimClock {

    /** @return the current time in nanoseconds; never decreases */
    long nanos();

    /** @return the system's monotonic clock */
    static SimClock system() {
        return System::nanoTime;
    }
}
