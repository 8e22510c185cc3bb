package dev.wren.power.internal;

import java.util.EnumMap;
import java.util.Map;

import dev.wren.power.PowerMode;

/**
 * Energy accounting: the gateway's draw per mode and the battery time it buys. Not thread-safe;
 * the power manager calls it under its lock.
 *
 * <p>The draw of a mode is the mean of the INA219 {@code power} readings taken while the
 * gateway was in that mode, once there is at least one: the plain mean of the first
 * {@value #WINDOW}, then a moving one over about that many (so it follows a changed load or an
 * ageing board); until then it is the modelled one the caller passes ({@link Settings#modelWatts}:
 * the operator's figure, else the board profile's idle less the actuators' savings). The INA219 is
 * assumed to sit in the gateway's own supply line.
 *
 * <p>The energy left counts the charge at the battery's voltage: a gauge's percent is charge, and
 * the last tenth of a Li-ion cell comes at 3.0 to 3.55 V, not at its 3.7 V nominal. With the
 * battery's voltage known, the charge left is taken at the mean of that voltage and the empty one,
 * which errs early rather than late near empty; without it, at nominal.
 */
final class Energy {

    static final int WINDOW = 100;

    /** Per mode: {mean W, readings}. */
    private final Map<PowerMode, double[]> measured = new EnumMap<>(PowerMode.class);

    /** Counts one measured draw, in W, against the mode the gateway was in. */
    void measured(PowerMode mode, double watts) {
        double[] meanCount = measured.computeIfAbsent(mode, m -> new double[2]);
        meanCount[1]++;
        meanCount[0] += (watts - meanCount[0]) / Math.min(meanCount[1], WINDOW);
    }

    /** @return the number of readings measured in {@code mode}, 0 when the model is used */
    long samples(PowerMode mode) {
        double[] meanCount = measured.get(mode);
        return meanCount == null ? 0 : (long) meanCount[1];
    }

    /** @return the measured draw of {@code mode} in W, or {@code modelledW} without measurements */
    double watts(PowerMode mode, double modelledW) {
        double[] meanCount = measured.get(mode);
        return meanCount == null ? modelledW : meanCount[0];
    }

    /**
     * @param volts the battery's voltage now, or NaN when unknown
     * @return Wh left at {@code socPercent}
     */
    static double remainingWh(double socPercent, double volts, Settings s) {
        double wh = socPercent / 100 * s.capacityWh();
        if (Double.isNaN(volts)) {
            return wh;
        }
        return wh * (Math.max(volts, s.emptyV()) + s.emptyV()) / 2 / s.nominalV();
    }

    /** @return hours the battery lasts from {@code socPercent} at a steady {@code watts} */
    static double hoursToEmpty(double socPercent, double volts, Settings s, double watts) {
        return remainingWh(socPercent, volts, s) / watts;
    }
}
