package dev.wren.power.internal;

import java.time.Duration;

import dev.wren.hardware.simulator.I2CChip;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.chips.Ina219Chip;

/**
 * An INA219 on a board whose clock only moves when told: a write of the configuration register
 * (which starts a conversion) lets the chip's conversion time pass on the clock, so the driver
 * finds the result ready when it polls instead of timing out on a frozen chip.
 */
record ConversionTime(Ina219Chip chip, ManualClock clock) implements I2CChip {

    @Override
    public void write(byte[] data, int offset, int length) {
        chip.write(data, offset, length);
        if (length >= 3 && data[offset] == Ina219Chip.CONFIG) {
            clock.advance(Duration.ofNanos(chip.cycleNanos()));
        }
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        chip.read(buffer, offset, length);
    }
}
