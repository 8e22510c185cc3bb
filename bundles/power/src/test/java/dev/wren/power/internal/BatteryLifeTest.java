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

    @Test
    void theMeasuredDrawFollowsAChangedLoad() {
        Settings s = Settings.defaults();
        Energy e = new Energy();
        for (int i = 0; i < 500; i++) {
            e.measured(PowerMode.DEGRADED, 1.6);
        }
        for (int i = 0; i < 300; i++) {
            e.measured(PowerMode.DEGRADED, 2.0);
        }
        assertEquals(2.0, e.watts(PowerMode.DEGRADED, s), 0.02, "about the last " + Energy.WINDOW + " readings count");
        assertEquals(800, e.samples(PowerMode.DEGRADED));
        assertEquals(0, e.samples(PowerMode.FULL));
    }
}
