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
 * smaller than the gap between them; times of 0 or more ({@code stale.s} at least 1);
 * {@code board.profile} {@code auto} or one of {@link BoardProfile#ALL}; a draw per mode of 0 (the board profile's,
 * less the actuators' savings) or 0.01..1000 W, those given not rising from FULL to MINIMAL;
 * {@code battery.capacity.wh} in 0.1..100 000; {@code battery.empty.v} in 0.5..100 and below
 * {@code battery.nominal.v} (at most 100); {@code mode.override} empty or a mode's name.
 *
 * @param override     the forced mode, or null for automatic
 * @param staleMillis  an input older than this is unknown
 * @param graceMillis  how long the uplink may be down before it degrades the gateway
 * @param dwellMillis  least time in a mode before moving to a richer one
 * @param board        what the board draws, from published measurements; null = the hardware platform's board
 * @param fullW        the operator's draw in FULL, used until the INA219 has measured that mode; NaN = the board's
 * @param capacityWh   usable battery energy at 100 %, at {@code nominalV}
 * @param emptyV       the battery's voltage when it is empty
 */
record Settings(PowerMode override, double minimalEnter, double minimalExit, double degradedEnter,
        double degradedExit, double warm, double critical, double hysteresis, long graceMillis,
        long dwellMillis, long staleMillis, BoardProfile board, double fullW, double degradedW, double minimalW,
        double capacityWh, double nominalV, double emptyV) {

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
    static final String BOARD_PROFILE = "auto";
    /** A 10 000 mAh power bank at 3.7 V. */
    static final double BATTERY_CAPACITY_WH = 37;
    static final double BATTERY_NOMINAL_V = 3.7;
    /** A Li-ion cell's usual cut-off. */
    static final double BATTERY_EMPTY_V = 3.0;

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
        Object profile = p.get("board.profile");
        BoardProfile board = BoardProfile.of(profile == null ? BOARD_PROFILE : profile.toString());
        double[] draws = new double[3];
        String[] names = {"power.full.w", "power.degraded.w", "power.minimal.w"};
        for (int i = 0; i < 3; i++) {
            draws[i] = number(p, names[i], 0, 0, 1000);
            if (draws[i] == 0) {
                draws[i] = Double.NaN;
            } else if (draws[i] < 0.01) {
                throw new IllegalArgumentException(names[i] + ": must be 0 (the board profile's) or between 0.01 and"
                        + " 1000, was " + p.get(names[i]));
            }
            for (int j = 0; j < i; j++) {
                if (draws[i] > draws[j]) {
                    notAbove(names[i], draws[i], names[j], draws[j]);
                }
            }
        }
        double capacity = number(p, "battery.capacity.wh", BATTERY_CAPACITY_WH, 0.1, 100_000);
        double nominal = number(p, "battery.nominal.v", BATTERY_NOMINAL_V, 0.5, 100);
        double empty = number(p, "battery.empty.v", BATTERY_EMPTY_V, 0.5, 100);
        above("battery.nominal.v", nominal, "battery.empty.v", empty);
        return new Settings(override, minEnter, minExit, degEnter, degExit, warm, critical, hysteresis,
                grace * 1000, dwell * 1000, stale * 1000, board, draws[0], draws[1], draws[2], capacity, nominal, empty);
    }

    /** @return the operator's draw for {@code mode} in W, or NaN to take the board profile's */
    double givenWatts(PowerMode mode) {
        return switch (mode) {
            case FULL -> fullW;
            case DEGRADED -> degradedW;
            case MINIMAL -> minimalW;
        };
    }

    /** @return the configured board, or the one the hardware platform names ({@code platformProfile}) for auto */
    BoardProfile board(Object platformProfile) {
        return board != null ? board : BoardProfile.find(platformProfile).orElse(BoardProfile.FALLBACK);
    }

    /**
     * @param savedW what the actuators switch off in {@code mode} on {@code on}, W
     * @return the draw of {@code mode} in W when nothing measures it: the operator's, else the
     *         board's idle less {@code savedW}
     */
    double modelWatts(PowerMode mode, BoardProfile on, double savedW) {
        double given = givenWatts(mode);
        return Double.isNaN(given) ? Math.max(0.01, on.idleW() - savedW) : given;
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
