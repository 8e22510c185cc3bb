package dev.wren.sensor;

import java.util.Map;

import dev.wren.power.PowerMode;

/**
 * How often a sensor is read in each power mode, in milliseconds; {@code 0} means "not in this
 * mode". The single definition of the {@code sampling.period.<mode>.ms} properties and their
 * rule, used by drivers to validate their configuration and by the sampler to read it.
 *
 * @param full     period in {@link PowerMode#FULL}
 * @param degraded period in {@link PowerMode#DEGRADED}
 * @param minimal  period in {@link PowerMode#MINIMAL}
 */
public record SamplingPeriods(long full, long degraded, long minimal) {

    /** Shortest period, in milliseconds. */
    public static final long MIN_MS = 10;

    /** Longest period: one day, in milliseconds. */
    public static final long MAX_MS = 86_400_000;

    public SamplingPeriods {
        check(PowerMode.FULL, full);
        check(PowerMode.DEGRADED, degraded);
        check(PowerMode.MINIMAL, minimal);
    }

    /** @return the period in {@code mode}, {@code 0} if the sensor is not read in it */
    public long of(PowerMode mode) {
        return switch (mode) {
            case FULL -> full;
            case DEGRADED -> degraded;
            case MINIMAL -> minimal;
        };
    }

    /**
     * Reads the periods from service or configuration properties; a missing property takes the
     * value of {@code defaults}. Values may be any {@link Number} or a decimal String.
     *
     * @throws IllegalArgumentException naming the property and the rule, if a value is not a
     *                                  whole number or breaks the rule
     */
    public static SamplingPeriods from(Map<String, ?> properties, SamplingPeriods defaults) {
        return new SamplingPeriods(
                value(properties, PowerMode.FULL, defaults.full),
                value(properties, PowerMode.DEGRADED, defaults.degraded),
                value(properties, PowerMode.MINIMAL, defaults.minimal));
    }

    private static long value(Map<String, ?> properties, PowerMode mode, long fallback) {
        String key = Sensor.periodProperty(mode);
        Object v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        long ms;
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            ms = n.longValue();
        } else {
            try {
                ms = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": must be a whole number of milliseconds, was '" + v + "'");
            }
        }
        check(mode, ms);
        return ms;
    }

    private static void check(PowerMode mode, long ms) {
        if (ms != 0 && (ms < MIN_MS || ms > MAX_MS)) {
            throw new IllegalArgumentException(Sensor.periodProperty(mode)
                    + ": must be 0 (not sampled) or between " + MIN_MS + " and " + MAX_MS
                    + " ms, was " + ms);
        }
    }
}
