package dev.wren.sensor;

import java.util.Objects;

/**
 * One measured value of one quantity, immutable.
 *
 * @param sensor    the {@link Sensor#id() id} of the sensor that produced it, never blank
 * @param quantity  what was measured, lower case and dotted, for example {@code temperature},
 *                  {@code heap.used} or {@code thermal.cpu}; never blank
 * @param value     the value in {@code unit}; finite (a value that could not be measured is a
 *                  {@link SensorException}, never NaN)
 * @param unit      the unit symbol: {@code degC}, {@code Pa}, {@code %}, {@code %/h}, {@code B}, {@code s},
 *                  {@code V}, {@code A}, {@code W}, {@code g}, {@code deg/s}, or empty for a pure
 *                  number (a ratio, a count, a boolean as 0/1)
 * @param timestamp when the value was measured, milliseconds since the epoch (UTC)
 */
public record Reading(String sensor, String quantity, double value, String unit, long timestamp) {

    /**
     * Quantity of the sampler's verdict on a sensor: {@code 0} when it is faulted (delivered when
     * it faults and at each failed retry), {@code 1} when it recovers (delivered with the first
     * good readings). Sinks can store it beside the values to tell a gap from a quiet sensor.
     *
     * @since 1.2
     */
    public static final String QUALITY = "sensor.quality";

    public Reading {
        requireText(sensor, "sensor");
        requireText(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "value of " + sensor + "/" + quantity + " must be finite, was " + value);
        }
    }

    static void requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
