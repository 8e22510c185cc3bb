package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;

/**
 * Battery life per board profile and mode, modelled from published draws ({@link BoardProfile}) with
 * the recommended actuators ({@link ModelledDraw}) and, for duty cycling, {@link CycleEnergy}'s
 * default cycle. The goal: the leanest mode lasts at least 5x FULL on a Raspberry Pi 5 with duty cycling.
 */
class BatteryLifeTest {

    private static double hours(Settings s, double watts) {
        return Energy.hoursToEmpty(100, Double.NaN, s, watts);
    }

    @Test
    void theLeanestModeLastsFiveTimesFullOnAPi5DutyCycled() {
        Settings s = Settings.of(Map.of("board.profile", "raspberrypi-5"));
        double full = hours(s, ModelledDraw.watts(s, PowerMode.FULL));
        double awake = hours(s, ModelledDraw.watts(s, PowerMode.MINIMAL));
        double cycled = hours(s, CycleEnergy.DEFAULT.meanW(ModelledDraw.watts(s, PowerMode.MINIMAL), s.board(null).haltW()));
        assertEquals(12.33, full, 0.01);
        assertEquals(13.96, awake, 0.01);
        assertTrue(cycled >= 5 * full, cycled + " h against " + full + " h in FULL");
    }

    @Test
    void awakeTheModesAloneSaveLittle() {
        Settings s = Settings.defaults();
        double ratio = ModelledDraw.watts(s, PowerMode.FULL) / ModelledDraw.watts(s, PowerMode.MINIMAL);
        assertEquals(1.13, ratio, 0.01, "a Raspberry Pi 4 idles at 3.06 W; LEDs, a CPU cap and Bluetooth save 0.35 W");
        assertTrue(!s.board(null).rtcWakes(), "a Raspberry Pi 4 has no clock to wake it");
    }

    @Test
    void measuredDrawReplacesTheModel() {
        Settings s = Settings.defaults();
        Energy e = new Energy();
        e.measured(PowerMode.FULL, 3.5);
        e.measured(PowerMode.FULL, 4.5);
        assertEquals(4.0, e.watts(PowerMode.FULL, 3.06));
        assertEquals(9.25, hours(s, e.watts(PowerMode.FULL, 3.06)), 1e-9);
    }

    @Test
    void theBatteryVoltageCountsTheChargeLeft() {
        Settings s = Settings.defaults();
        assertEquals(3.7, Energy.remainingWh(10, Double.NaN, s), 1e-9, "at nominal without a voltage");
        assertEquals(3.7 * 3.275 / 3.7, Energy.remainingWh(10, 3.55, s), 1e-9, "the mean of 3.55 V and 3.0 V");
        assertEquals(0.37 * 3.0 / 3.7, Energy.remainingWh(1, 2.8, s), 1e-9, "under empty counts as empty");
    }

    @Test
    void theMeasuredDrawFollowsAChangedLoad() {
        Energy e = new Energy();
        for (int i = 0; i < 500; i++) {
            e.measured(PowerMode.DEGRADED, 1.6);
        }
        for (int i = 0; i < 300; i++) {
            e.measured(PowerMode.DEGRADED, 2.0);
        }
        assertEquals(2.0, e.watts(PowerMode.DEGRADED, 2.81), 0.02, "about the last " + Energy.WINDOW + " readings count");
        assertEquals(800, e.samples(PowerMode.DEGRADED));
        assertEquals(0, e.samples(PowerMode.FULL));
    }
}
