package dev.wren.driver.max17048;

import java.util.List;
import java.util.Locale;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.SensorException.Fault;

/**
 * The MAX17048 protocol: the gauge measures and estimates on its own, a read fetches VCELL
 * (78.125 uV per bit), SOC (1/256 % per bit) and CRATE (0.208 %/h per bit, signed). VERSION is
 * read with them: at the first read (and after any failure) it must be 0x001x, or the chip is
 * not a MAX17048; later a different value means corrupted bytes. A cell voltage outside 2.0 to
 * 4.6 V or a state of charge above 110 % is not a Li-ion cell's and is refused; the gauge's
 * slight overshoot above 100 % at the end of charge is reported as 100 %.
 */
final class Max17048Reader {

    static final int VCELL = 0x02, SOC = 0x04, VERSION = 0x08, CRATE = 0x16;

    private final I2CRegisters chip;
    private final Max17048.Settings settings;
    private int version = -1;

    Max17048Reader(I2CRegisters chip, Max17048.Settings settings) {
        this.chip = chip;
        this.settings = settings;
    }

    List<Reading> read() throws SensorException {
        try {
            return measure();
        } catch (SensorException e) {
            version = -1;
            throw e;
        }
    }

    private List<Reading> measure() throws SensorException {
        int v = chip.u16(VERSION);
        if (version < 0 && (v & 0xFFF0) != 0x0010) {
            throw new SensorException(Fault.WRONG_CHIP, String.format(Locale.ROOT,
                    "VERSION at %s reads 0x%04X, a MAX17048 reads 0x001x", chip.where(), v));
        }
        if (version >= 0 && v != version) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "VERSION at %s reads 0x%04X, was 0x%04X", chip.where(), v, version));
        }
        version = v;
        double volts = chip.u16(VCELL) * 78.125e-6;
        double soc = chip.u16(SOC) / 256.0;
        double rate = (short) chip.u16(CRATE) * 0.208;
        long now = System.currentTimeMillis();
        if (volts < 2.0 || volts > 4.6) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "MAX17048 at %s: cell voltage %.3f V is outside 2.0 to 4.6 V (no Li-ion cell, or corrupted bytes)",
                    chip.where(), volts));
        }
        if (soc > 110) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "MAX17048 at %s: state of charge %.1f %% is above 110 %%", chip.where(), soc));
        }
        String id = settings.id();
        return List.of(
                new Reading(id, Quantity.BATTERY_SOC, Math.min(100, soc), "%", now),
                new Reading(id, Quantity.BATTERY_VOLTAGE, volts, "V", now),
                new Reading(id, Quantity.BATTERY_RATE, rate, "%/h", now));
    }
}
