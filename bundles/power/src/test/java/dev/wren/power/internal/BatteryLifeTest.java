package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;

/** Battery life per mode with the default power model; the goal is MINIMAL at least 3x FULL. */
class BatteryLifeTest {

    @Test
    void minimalLastsAtLeastThreeTimesFull() {
        Settings s = Settings.defaults();
        Energy e = new Energy();
        double full = e.fullBatteryHours(PowerMode.FULL, s);
        double minimal = e.fullBatteryHours(PowerMode.MINIMAL, s);
        assertEquals(12.33, full, 0.01);
        assertEquals(23.125, e.fullBatteryHours(PowerMode.DEGRADED, s), 0.001);
        assertEquals(61.67, minimal, 0.01);
        assertTrue(minimal >= 3 * full);
        assertEquals(6.17, Energy.hoursToEmpty(50, 37, 3.0), 0.01);
    }

    @Test
    void measuredDrawReplacesTheModel() {
        Settings s = Settings.defaults();
        Energy e = new Energy();
        e.measured(PowerMode.FULL, 3.5);
        e.measured(PowerMode.FULL, 4.5);
        assertEquals(4.0, e.watts(PowerMode.FULL, s));
        assertEquals(9.25, e.fullBatteryHours(PowerMode.FULL, s), 1e-9);
    }
}
