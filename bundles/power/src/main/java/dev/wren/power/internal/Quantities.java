package dev.wren.power.internal;

import java.util.ArrayList;
import java.util.List;

import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Quantity;

/**
 * Which readings feed the power decision, by quantity, whatever sensor sends them:
 * <ul>
 * <li>{@code battery.soc} (%, the Linux battery driver or a MAX17048), {@code battery.voltage} (V,
 *     the same; for the energy left, not the decision) and {@code power.external} (1 = on external
 *     power or charging);</li>
 * <li>{@code power} (W, an INA219 in the gateway's supply): the measured draw of the current mode;</li>
 * <li>{@code thermal.*cpu*} (degC, the health driver's CPU thermal zone, {@code thermal.cpu-thermal}
 *     on a Pi), preferred to {@code temperature} (degC, a BME280's air temperature);</li>
 * <li>{@code throttle.undervoltage}, {@code throttle.capped}, {@code throttle.throttled},
 *     {@code throttle.soft_temp_limit} (0/1, the Pi throttling flags "now", not the
 *     {@code .occurred} ones): throttled when any of one read is set.</li>
 * </ul>
 * Everything else is ignored.
 */
final class Quantities {

    private static final String[] THROTTLE_NOW = {"undervoltage", "capped", "throttled", "soft_temp_limit"};

    private Quantities() {
    }

    /** Offers the batch's relevant readings to {@code in}; measured draw goes to {@code energy} as {@code mode}'s. */
    static void take(List<Reading> batch, Inputs in, Energy energy, PowerMode mode) {
        List<String> set = null;
        double throttled = 0;
        long throttleAt = 0;
        for (Reading r : batch) {
            String q = r.quantity();
            long at = r.timestamp();
            switch (q) {
                case Quantity.BATTERY_SOC -> in.offer(Input.SOC, r.value(), at);
                case Quantity.POWER_EXTERNAL -> in.offer(Input.EXTERNAL, r.value(), at);
                case Quantity.BATTERY_VOLTAGE -> in.offer(Input.BATTERY_VOLTAGE, r.value(), at);
                case Quantity.POWER -> {
                    if (in.offer(Input.POWER, r.value(), at)) {
                        energy.measured(mode, r.value());
                    }
                }
                case Quantity.TEMPERATURE -> in.offer(Input.AIR_TEMPERATURE, r.value(), at);
                default -> {
                    if (q.startsWith(Quantity.THERMAL_PREFIX) && q.contains("cpu")) {
                        in.offer(Input.CPU_TEMPERATURE, r.value(), at);
                    } else if (q.startsWith(Quantity.THROTTLE_PREFIX) && isThrottleNow(q)) {
                        if (r.value() != 0 && r.value() != 1) {
                            in.offer(Input.THROTTLED, r.value(), at); // discarded and counted
                            continue;
                        }
                        if (set == null) {
                            set = new ArrayList<>(4);
                        }
                        if (r.value() == 1) {
                            set.add(q.substring(Quantity.THROTTLE_PREFIX.length()));
                            throttled = 1;
                        }
                        throttleAt = Math.max(throttleAt, at);
                    }
                }
            }
        }
        if (set != null) {
            in.offer(Input.THROTTLED, throttled, throttleAt, String.join(", ", set));
        }
    }

    private static boolean isThrottleNow(String q) {
        for (String flag : THROTTLE_NOW) {
            if (q.equals(Quantity.THROTTLE_PREFIX + flag)) {
                return true;
            }
        }
        return false;
    }
}
