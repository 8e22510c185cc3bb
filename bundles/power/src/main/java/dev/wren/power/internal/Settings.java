package dev.wren.power.internal;

import java.util.Locale;
import java.util.Map;

import dev.wren.power.PowerMode;

/**
 * The power manager's validated configuration, immutable: replaced whole or not at all.
 *
 * <p>Rules, each refused with {@code property: rule, was value}: battery thresholds in 0..100 %,
 * every exit above its entry ({@code minimal.exit > minimal.enter}, {@code degraded.exit >
 * degraded.enter}), the minimal band inside the degraded one ({@code minimal.enter <=
 * degraded.enter}, {@code minimal.exit <= degraded.exit}); {@code temperature.warm <
 * temperature.critical}, both in -60..150 degC, {@code temperature.hysteresis} in 0.1..50 and
 * smaller than the gap between them; times of 0 or more ({@code stale.s} at least 1); modelled
 * draw in 0.01..1000 W with {@code power.full.w >= power.degraded.w >= power.minimal.w};
 * {@code battery.capacity.wh} in 0.1..100 000; {@code mode.override} empty or a mode's name.
 *
 * @param override     the forced mode, or null for automatic
 * @param staleMillis  an input older than this is unknown
 * @param graceMillis  how long the uplink may be down before it degrades the gateway
 * @param dwellMillis  least time in a mode before moving to a richer one
 * @param fullW        modelled draw in FULL, used until the INA219 has measured that mode
 * @param capacityWh   usable battery energy at 100 %
 */
record Settings(PowerMode override, double minimalEnter, double minimalExit, double degradedEnter,
        double degradedExit, double warm, double critical, double hysteresis, long graceMillis,
        long dwellMillis, long staleMillis, double fullW, double degradedW, double minimalW, double capacityWh) {

    static final double MINIMAL_ENTER = 10;
    static final double MINIMAL_EXIT = 15;
    static final double DEGRADED_ENTER = 30;
    static final double DEGRADED_EXIT = 35;
    static final double TEMPERATURE_WARM = 75;
    static final double TEMPERATURE_CRITICAL = 85;
    static final double TEMPERATURE_HYSTERESIS = 5;
    static final long UPLINK_GRACE_S = 60;
    static final long DWELL_S = 60;
    static final long STALE_S = 900;
    /** A Raspberry Pi 4-class gateway sampling, inferring and sending: about 3 W. */
    static final double POWER_FULL_W = 3.0;
    /** Slower sampling, radio mostly idle, no inference bursts: about 1.6 W. */
    static final double POWER_DEGRADED_W = 1.6;
    /** Idle board, rare sampling, CPU at its lowest clock: about 0.6 W. */
    static final double POWER_MINIMAL_W = 0.6;
    /** A 10 000 mAh power bank at 3.7 V. */
    static final double BATTERY_CAPACITY_WH = 37;

    /** @return every property at its default */
    static Settings defaults() {
        return of(Map.of());
    }

    /**
     * @param p configuration properties by their names ({@code minimal.enter}); absent ones take
     *          their defaults; numbers may be any {@link Number} or a numeric String
     * @throws IllegalArgumentException naming the property and the rule it breaks
     */
    static Settings of(Map<String, ?> p) {
        PowerMode override = override(p.get("mode.override"));
        double minEnter = percent(p, "minimal.enter", MINIMAL_ENTER);
        double minExit = percent(p, "minimal.exit", MINIMAL_EXIT);
        double degEnter = percent(p, "degraded.enter", DEGRADED_ENTER);
        double degExit = percent(p, "degraded.exit", DEGRADED_EXIT);
        above("minimal.exit", minExit, "minimal.enter", minEnter);
        above("degraded.exit", degExit, "degraded.enter", degEnter);
        notAbove("minimal.enter", minEnter, "degraded.enter", degEnter);
        notAbove("minimal.exit", minExit, "degraded.exit", degExit);
        double warm = number(p, "temperature.warm", TEMPERATURE_WARM, -60, 150);
        double critical = number(p, "temperature.critical", TEMPERATURE_CRITICAL, -60, 150);
        double hysteresis = number(p, "temperature.hysteresis", TEMPERATURE_HYSTERESIS, 0.1, 50);
        above("temperature.critical", critical, "temperature.warm", warm);
        if (hysteresis >= critical - warm) {
            throw new IllegalArgumentException("temperature.hysteresis: must be less than temperature.critical - "
                    + "temperature.warm (" + Words.number(critical - warm) + "), was " + Words.number(hysteresis));
        }
        long grace = seconds(p, "uplink.grace.s", UPLINK_GRACE_S, 0);
        long dwell = seconds(p, "dwell.s", DWELL_S, 0);
        long stale = seconds(p, "stale.s", STALE_S, 1);
        double full = number(p, "power.full.w", POWER_FULL_W, 0.01, 1000);
        double degraded = number(p, "power.degraded.w", POWER_DEGRADED_W, 0.01, 1000);
        double minimal = number(p, "power.minimal.w", POWER_MINIMAL_W, 0.01, 1000);
        notAbove("power.degraded.w", degraded, "power.full.w", full);
        notAbove("power.minimal.w", minimal, "power.degraded.w", degraded);
        double capacity = number(p, "battery.capacity.wh", BATTERY_CAPACITY_WH, 0.1, 100_000);
        return new Settings(override, minEnter, minExit, degEnter, degExit, warm, critical, hysteresis,
                grace * 1000, dwell * 1000, stale * 1000, full, degraded, minimal, capacity);
    }

    /** @return the modelled draw of {@code mode} in W */
    double modelWatts(PowerMode mode) {
        return switch (mode) {
            case FULL -> fullW;
            case DEGRADED -> degradedW;
            case MINIMAL -> minimalW;
        };
    }

    private static PowerMode override(Object value) {
        String s = value == null ? "" : value.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return PowerMode.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode.override: must be empty (automatic), FULL, DEGRADED or MINIMAL,"
                    + " was '" + value + "'");
        }
    }

    private static double percent(Map<String, ?> p, String name, double dflt) {
        return number(p, name, dflt, 0, 100);
    }

    private static double number(Map<String, ?> p, String name, double dflt, double min, double max) {
        Object v = p.get(name);
        double d;
        if (v == null) {
            d = dflt;
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": must be a number, was '" + v + "'");
            }
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(name + ": must be between " + Words.number(min) + " and "
                    + Words.number(max) + ", was " + v);
        }
        return d;
    }

    private static long seconds(Map<String, ?> p, String name, long dflt, long min) {
        double d = number(p, name, dflt, min, 7 * 86_400);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(name + ": must be whole seconds, was " + p.get(name));
        }
        return (long) d;
    }

    private static void above(String name, double value, String other, double otherValue) {
        if (value <= otherValue) {
            throw new IllegalArgumentException(name + ": must be above " + other + " (" + Words.number(otherValue)
                    + "), was " + Words.number(value));
        }
    }

    private static void notAbove(String name, double value, String other, double otherValue) {
        if (value > otherValue) {
            throw new IllegalArgumentException(name + ": must not be above " + other + " ("
                    + Words.number(otherValue) + "), was " + Words.number(value));
        }
    }
}
