package dev.wren.hardware.simulator.chips;

import static dev.wren.hardware.simulator.chips.Ina219Chip.BUS;
import static dev.wren.hardware.simulator.chips.Ina219Chip.CALIBRATION;
import static dev.wren.hardware.simulator.chips.Ina219Chip.CONFIG;
import static dev.wren.hardware.simulator.chips.Ina219Chip.CURRENT;
import static dev.wren.hardware.simulator.chips.Ina219Chip.POWER;
import static dev.wren.hardware.simulator.chips.Ina219Chip.SHUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.ManualClock;

class Ina219ChipTest {

    private final ManualClock clock = new ManualClock();
    private double volts = 12.0;
    private double amps = 1.0;
    private final Ina219Chip chip = new Ina219Chip(clock, 0.1, () -> volts, () -> amps);

    @Test
    void powersUpConvertingContinuouslyAt12Bits() {
        assertEquals(0x399F, Words.read(chip, CONFIG));
        assertEquals(1_064_000, chip.cycleNanos());
        clock.advance(Duration.ofNanos(1_063_999));
        assertEquals(0, Words.read(chip, BUS));
        clock.advance(Duration.ofNanos(1));
        assertEquals(3000 << 3 | 2, Words.read(chip, BUS));
        assertEquals(10_000, Words.signed(chip, SHUNT));
    }

    @Test
    void conversionReadyClearsOnPowerReadAndSetsAtTheNextCycle() {
        clock.advance(Duration.ofMillis(2));
        assertEquals(2, Words.read(chip, BUS) & 3);
        Words.read(chip, POWER);
        assertEquals(0, Words.read(chip, BUS) & 3);
        volts = 5.0;
        clock.advance(Duration.ofNanos(chip.cycleNanos()));
        assertEquals(1250 << 3 | 2, Words.read(chip, BUS));
    }

    @Test
    void shuntVoltageIsSignedAndClippedByTheGain() {
        amps = -0.5;
        clock.advance(Duration.ofMillis(2));
        assertEquals(-5000, Words.signed(chip, SHUNT));
        amps = 1.0;
        Words.write(chip, CONFIG, 0x399F & ~0x1800);
        clock.advance(Duration.ofMillis(2));
        assertEquals(4000, Words.signed(chip, SHUNT), "+-40 mV at gain /1");
        Words.write(chip, CONFIG, 0x399F & ~0x1800 | 0x0800);
        clock.advance(Duration.ofMillis(2));
        assertEquals(8000, Words.signed(chip, SHUNT), "+-80 mV at gain /2");
    }

    @Test
    void busRangeOf16VoltsClips() {
        volts = 20.0;
        Words.write(chip, CONFIG, 0x399F & ~0x2000);
        clock.advance(Duration.ofMillis(2));
        assertEquals(4000, Words.read(chip, BUS) >> 3);
        Words.write(chip, CONFIG, 0x399F);
        clock.advance(Duration.ofMillis(2));
        assertEquals(5000, Words.read(chip, BUS) >> 3);
    }

    @Test
    void currentAndPowerFollowTheCalibration() {
        clock.advance(Duration.ofMillis(2));
        assertEquals(0, Words.read(chip, CURRENT));
        assertEquals(0, Words.read(chip, POWER));
        Words.write(chip, CALIBRATION, 4097);
        assertEquals(4096, Words.read(chip, CALIBRATION), "bit 0 is void");
        clock.advance(Duration.ofNanos(chip.cycleNanos()));
        assertEquals(10_000, Words.signed(chip, CURRENT));
        assertEquals(10_000 * 3000 / 5000, Words.read(chip, POWER));
        amps = -0.25;
        clock.advance(Duration.ofNanos(chip.cycleNanos()));
        assertEquals(-2500, Words.signed(chip, CURRENT));
    }

    @Test
    void mathOverflowSetsOvf() {
        Words.write(chip, CALIBRATION, 0x8000);
        clock.advance(Duration.ofMillis(2));
        assertEquals(3, Words.read(chip, BUS) & 3);
        assertEquals(Short.MAX_VALUE, Words.signed(chip, CURRENT));
        amps = 0.1;
        clock.advance(Duration.ofNanos(chip.cycleNanos()));
        assertEquals(2, Words.read(chip, BUS) & 3);
    }

    @Test
    void triggeredModeConvertsOnce() {
        Words.write(chip, CONFIG, 0x399B);
        clock.advance(Duration.ofMillis(2));
        assertEquals(10_000, Words.signed(chip, SHUNT));
        amps = 2.0;
        clock.advance(Duration.ofMillis(10));
        assertEquals(10_000, Words.signed(chip, SHUNT));
        Words.write(chip, CONFIG, 0x399B);
        clock.advance(Duration.ofMillis(2));
        assertEquals(20_000, Words.signed(chip, SHUNT));
    }

    @Test
    void averagingLengthensTheCycleAndPowerDownStops() {
        Words.write(chip, CONFIG, 0x3FFF);
        assertEquals(2 * 68_100_000L, chip.cycleNanos());
        Words.write(chip, CONFIG, 0x3807);
        assertEquals(2 * 84_000L, chip.cycleNanos());
        Words.write(chip, CONFIG, 0x3800);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, Words.read(chip, BUS));
    }

    @Test
    void resetBitRestoresEveryRegister() {
        Words.write(chip, CONFIG, 0x0007);
        Words.write(chip, CALIBRATION, 4096);
        Words.write(chip, CONFIG, 0x8000);
        assertEquals(0x399F, Words.read(chip, CONFIG));
        assertEquals(0, Words.read(chip, CALIBRATION));
    }
}
