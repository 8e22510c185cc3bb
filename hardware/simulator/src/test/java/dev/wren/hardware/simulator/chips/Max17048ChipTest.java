package dev.wren.hardware.simulator.chips;

import static dev.wren.hardware.simulator.chips.Max17048Chip.CMD;
import static dev.wren.hardware.simulator.chips.Max17048Chip.CONFIG;
import static dev.wren.hardware.simulator.chips.Max17048Chip.CRATE;
import static dev.wren.hardware.simulator.chips.Max17048Chip.MODE;
import static dev.wren.hardware.simulator.chips.Max17048Chip.SOC;
import static dev.wren.hardware.simulator.chips.Max17048Chip.STATUS;
import static dev.wren.hardware.simulator.chips.Max17048Chip.VALRT;
import static dev.wren.hardware.simulator.chips.Max17048Chip.VCELL;
import static dev.wren.hardware.simulator.chips.Max17048Chip.VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.BatteryModel;
import dev.wren.hardware.simulator.ManualClock;

class Max17048ChipTest {

    private final ManualClock clock = new ManualClock();
    private final BatteryModel battery = new BatteryModel(clock, 2000, 0.1, 0.5);
    private final Max17048Chip chip = new Max17048Chip(battery);

    @Test
    void resetValues() {
        assertEquals(0x0012, Words.read(chip, VERSION));
        assertEquals(0x971C, Words.read(chip, CONFIG));
        assertEquals(0x0000, Words.read(chip, MODE));
        assertEquals(0x00FF, Words.read(chip, VALRT));
        assertEquals(0x0100, Words.read(chip, STATUS) & 0x0100, "reset indicator");
        assertEquals(0x9600, Words.read(chip, Max17048Chip.VRESET));
    }

    @Test
    void cellVoltageStateOfChargeAndRateInDatasheetUnits() {
        battery.loadCurrentA(0.5);
        battery.soc(0.18);
        double v = BatteryModel.ocv(0.18) - 0.05;
        assertEquals(Math.round(v / 78.125e-6), Words.read(chip, VCELL));
        assertEquals(Math.round(18 * 256.0), Words.read(chip, SOC));
        assertEquals(18, Words.read(chip, SOC) >> 8, "high byte is whole percent");
        assertEquals(Math.round(-25 / 0.208), Words.signed(chip, CRATE));
        battery.externalPower(true);
        assertEquals(Math.round(50 / 0.208), Words.signed(chip, CRATE));
    }

    @Test
    void lowChargeAndVoltageAlertsLatchUntilCleared() {
        Words.write(chip, STATUS, 0);
        battery.soc(0.05);
        assertEquals(0, Words.read(chip, CONFIG) & 0x20);
        battery.soc(0.03);
        assertEquals(0x20, Words.read(chip, CONFIG) & 0x20, "below 32 - 0x1C = 4 %");
        Words.write(chip, VALRT, (3500 / 20) << 8 | 0xFF);
        assertEquals(0x0400, Words.read(chip, STATUS) & 0x0400);
        Words.write(chip, STATUS, 0);
        battery.soc(0.5);
        assertEquals(0, Words.read(chip, STATUS) & 0x0400);
    }

    @Test
    void stateOfChargeChangeAlertWithAlsc() {
        battery.soc(0.509);
        Words.write(chip, CONFIG, 0x971C | 0x40);
        Words.write(chip, STATUS, 0);
        battery.loadCurrentA(2.0);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, Words.read(chip, STATUS) & 0x2000);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0x2000, Words.read(chip, STATUS) & 0x2000);
    }

    @Test
    void powerOnResetCommand() {
        Words.write(chip, CONFIG, 0x1234);
        Words.write(chip, STATUS, 0);
        Words.write(chip, CMD, 0x1111);
        assertEquals(0x1234, Words.read(chip, CONFIG));
        Words.write(chip, CMD, 0x5400);
        assertEquals(0x971C, Words.read(chip, CONFIG));
        assertEquals(0x0100, Words.read(chip, STATUS) & 0x0100);
    }

    @Test
    void aDifferentVersionModelsAWrongChip() {
        assertEquals(0x0011, Words.read(new Max17048Chip(battery, 0x0011), VERSION));
    }
}
