package dev.wren.hardware.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BatteryModelTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void openCircuitVoltageSpansTheCellAndRisesWithCharge() {
        assertEquals(3.0, BatteryModel.ocv(0), 1e-9);
        assertEquals(4.2, BatteryModel.ocv(1), 1e-9);
        assertEquals((3.81 + 3.86) / 2, BatteryModel.ocv(0.55), 1e-9);
        for (double s = 0; s < 1; s += 0.01) {
            assertTrue(BatteryModel.ocv(s + 0.01) > BatteryModel.ocv(s), "at " + s);
        }
    }

    @Test
    void dischargeIntegratesTheLoadOverClockTime() {
        BatteryModel b = new BatteryModel(clock, 2000, 0.1, 0.5);
        b.loadCurrentA(1.0);
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0.25, b.soc(), 1e-9);
        assertEquals(BatteryModel.ocv(0.25) - 0.1, b.terminalVolts(), 1e-9);
        assertEquals(-50, b.ratePercentPerHour(), 1e-9);
        clock.advance(Duration.ofHours(5));
        assertEquals(0, b.soc());
        assertEquals(0, b.cellCurrentA());
    }

    @Test
    void chargerChargesAndTapersToFull() {
        BatteryModel b = new BatteryModel(clock, 1000, 0.05, 0.18);
        b.chargeCurrentA(0.5);
        b.externalPower(true);
        assertEquals(-0.5, b.cellCurrentA());
        assertEquals(BatteryModel.ocv(0.18) + 0.025, b.terminalVolts(), 1e-9);
        assertEquals(50, b.ratePercentPerHour(), 1e-9);
        clock.advance(Duration.ofHours(1));
        assertEquals(0.68, b.soc(), 1e-9);
        clock.advance(Duration.ofHours(24));
        assertTrue(b.soc() > 0.99 && b.soc() <= 1, "soc " + b.soc());
        assertTrue(b.cellCurrentA() > -0.05, "tapered: " + b.cellCurrentA());
    }

    @Test
    void scriptedStateOfChargeAndRangeChecks() {
        BatteryModel b = BatteryModel.typical(clock);
        b.soc(0.18);
        assertEquals(0.18, b.soc());
        assertThrows(IllegalArgumentException.class, () -> b.soc(1.2));
        assertThrows(IllegalArgumentException.class, () -> b.loadCurrentA(-1));
        assertThrows(IllegalArgumentException.class, () -> new BatteryModel(clock, 0, 0.1, 1));
    }
}
