package dev.wren.driver.ina219;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.SensorException.Fault;

/**
 * The INA219 protocol in triggered mode: at the first read (and after any failure) resets the
 * chip, checks that its configuration reads the reset value 0x399F, and writes and reads back
 * the calibration; then each read triggers one shunt-and-bus conversion, waits for CNVR (bounded
 * by the conversion time), and reads shunt, current and power from that one conversion. Current
 * and power are checked against the shunt and bus registers they derive from, so corrupted
 * bytes surface as {@link Fault#CORRUPT_DATA}.
 */
final class Ina219Reader {

    static final int CONFIG = 0x00, SHUNT = 0x01, BUS = 0x02, POWER = 0x03, CURRENT = 0x04, CALIBRATION = 0x05;
    static final int CONFIG_RESET = 0x399F;

    private final I2CRegisters chip;
    private final Ina219.Settings settings;
    private boolean initialised;

    Ina219Reader(I2CRegisters chip, Ina219.Settings settings) {
        this.chip = chip;
        this.settings = settings;
    }

    List<Reading> read() throws SensorException {
        try {
            if (!initialised) {
                initialise();
                initialised = true;
            }
            return measure();
        } catch (SensorException e) {
            initialised = false;
            throw e;
        }
    }

    private void initialise() throws SensorException {
        chip.write16(CONFIG, 0x8000);
        int config = chip.u16(CONFIG);
        if (config != CONFIG_RESET) {
            throw new SensorException(Fault.WRONG_CHIP, String.format(Locale.ROOT,
                    "configuration at %s reads 0x%04X after a reset, an INA219 reads 0x%04X", chip.where(), config, CONFIG_RESET));
        }
        int cal = settings.calibration().register();
        chip.write16(CALIBRATION, cal);
        int back = chip.u16(CALIBRATION);
        if (back != cal) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "calibration at %s reads back 0x%04X, wrote 0x%04X", chip.where(), back, cal));
        }
    }

    private List<Reading> measure() throws SensorException {
        Ina219.Settings s = settings;
        long start = System.nanoTime();
        chip.write16(CONFIG, s.config());
        long deadline = start + s.cycleNanos() * 6 / 5 + 5_000_000;
        pause(s.cycleNanos());
        int bus;
        while (((bus = chip.u16(BUS)) & 2) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new SensorException(Fault.TIMEOUT, String.format(Locale.ROOT,
                        "INA219 at %s not ready %.1f ms after a conversion started", chip.where(), (deadline - start) / 1e6));
            }
            pause(100_000);
        }
        int shunt = (short) chip.u16(SHUNT);
        int current = (short) chip.u16(CURRENT);
        int power = chip.u16(POWER);
        long now = System.currentTimeMillis();
        Calibration cal = s.calibration();
        if ((bus & 1) != 0) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "INA219 at %s: math overflow: current exceeds %.3f A (max.current.a) or power exceeds %.1f W",
                    chip.where(), cal.maxAmps(), 0xFFFF * cal.wattsPerBit()));
        }
        if (Math.abs(shunt) >= s.shuntLimit()) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "INA219 at %s: shunt voltage at the limit of its +-%d mV range: current beyond %.3f A",
                    chip.where(), s.shuntLimit() / 100, s.shuntLimit() * 10e-6 / cal.shuntOhms()));
        }
        int busCode = bus >> 3;
        long expectedCurrent = (long) shunt * cal.register() / 4096;
        long expectedPower = Math.abs((long) current) * busCode / 5000;
        if (Math.abs(current - expectedCurrent) > 1 || Math.abs(power - expectedPower) > 1) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "INA219 at %s: registers disagree (shunt %d, bus %d, current %d, power %d)",
                    chip.where(), shunt, busCode, current, power));
        }
        return List.of(
                new Reading(s.id(), Quantity.BUS_VOLTAGE, busCode * 0.004, "V", now),
                new Reading(s.id(), Quantity.SHUNT_VOLTAGE, shunt * 10e-6, "V", now),
                new Reading(s.id(), Quantity.CURRENT, current * cal.ampsPerBit(), "A", now),
                new Reading(s.id(), Quantity.POWER, power * cal.wattsPerBit(), "W", now));
    }

    private static void pause(long nanos) throws SensorException {
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new SensorException(Fault.UNAVAILABLE, "interrupted while waiting for the INA219");
        }
    }
}
