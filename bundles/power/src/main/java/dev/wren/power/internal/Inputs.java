package dev.wren.power.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest value of each input of the power decision, with when it was measured, and what was
 * thrown away. Not thread-safe: the power manager calls it under its lock.
 *
 * <p>An input is <em>unknown</em> when it was never seen or is older than the staleness the
 * caller passes; unknown is never treated as bad. A value outside its plausible range (SOC
 * outside 0..100 %, temperature outside -60..150 degC, power outside 0..1000 W, a flag other
 * than 0 or 1, NaN or infinite) is discarded, counted per input, and never acted upon. A value
 * older than the one held is ignored (readings may arrive late from another sampler thread).
 *
 * <p>Temperature has two sources: the CPU's thermal zone (the health driver's
 * {@code thermal.cpu-thermal} on a Pi) is preferred while it is fresh, the air temperature (a
 * BME280's {@code temperature}) stands in when it is not.
 *
 * <p>The uplink is not a reading but the state of a service: connected, disconnected, or
 * unknown (no uplink service), with the time of its last change; it never goes stale.
 */
final class Inputs {

    /** Inputs that come as readings. */
    enum Input {
        SOC("battery.soc", 0, 100),
        EXTERNAL("power.external", 0, 1),
        BATTERY_VOLTAGE("battery voltage", 0, 100),
        POWER("power", 0, 1000),
        CPU_TEMPERATURE("cpu temperature", -60, 150),
        AIR_TEMPERATURE("air temperature", -60, 150),
        THROTTLED("throttled", 0, 1);

        final String label;
        final double min;
        final double max;

        Input(String label, double min, double max) {
            this.label = label;
            this.min = min;
            this.max = max;
        }
    }

    /**
     * @param value the value in the input's unit (a flag as 0 or 1)
     * @param at    when it was measured, ms since the epoch
     * @param note  words to show with it (the throttling flags that are set), or ""
     */
    record Sample(double value, long at, String note) {
        boolean on() {
            return value >= 0.5;
        }
    }

    private final Map<Input, Sample> latest = new EnumMap<>(Input.class);
    private final Map<Input, Long> discarded = new EnumMap<>(Input.class);
    private Boolean uplinkConnected;
    private long uplinkSince;

    /** @return true if kept, false if discarded as absurd (and counted) or older than the one held */
    boolean offer(Input input, double value, long at) {
        return offer(input, value, at, "");
    }

    /** @return true if kept, false if discarded as absurd (and counted) or older than the one held */
    boolean offer(Input input, double value, long at, String note) {
        if (!(value >= input.min && value <= input.max)
                || (input.max == 1 && input.min == 0 && value != 0 && value != 1)) {
            discarded.merge(input, 1L, Long::sum);
            return false;
        }
        Sample held = latest.get(input);
        if (held != null && held.at() > at) {
            return false;
        }
        latest.put(input, new Sample(value, at, note));
        return true;
    }

    /** @return the latest sample if measured within {@code staleMillis} of {@code now}, else null (unknown) */
    Sample fresh(Input input, long now, long staleMillis) {
        Sample s = latest.get(input);
        return s == null || now - s.at() > staleMillis ? null : s;
    }

    /** @return the CPU temperature if fresh, else the air temperature if fresh, else null */
    Sample temperature(long now, long staleMillis) {
        Sample cpu = fresh(Input.CPU_TEMPERATURE, now, staleMillis);
        return cpu != null ? cpu : fresh(Input.AIR_TEMPERATURE, now, staleMillis);
    }

    /** @return the latest sample however old, or null if never seen */
    Sample last(Input input) {
        return latest.get(input);
    }

    /** @param connected the uplink's state, null when there is no uplink service; {@code now} is kept on a change */
    /** Forgets every reading (the sources changed); the uplink's state stays. */
    void forgetReadings() {
        latest.clear();
    }

    void uplink(Boolean connected, long now) {
        if (!java.util.Objects.equals(connected, uplinkConnected)) {
            uplinkConnected = connected;
            uplinkSince = now;
        }
    }

    /** @return true/false, or null when unknown */
    Boolean uplinkConnected() {
        return uplinkConnected;
    }

    /** @return when the uplink state last changed */
    long uplinkSince() {
        return uplinkSince;
    }

    /** @return discarded values per input label, only those with any */
    Map<String, Long> discarded() {
        Map<String, Long> out = new TreeMap<>();
        discarded.forEach((k, v) -> out.put(k.label, v));
        return out;
    }

    /** @return all discarded values */
    long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }
}
