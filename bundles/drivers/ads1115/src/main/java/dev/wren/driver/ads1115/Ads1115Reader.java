package dev.wren.driver.ads1115;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * The ADS1115 protocol in single-shot mode. At the first read (and after any failure) the chip
 * must look like an ADS1115: its configuration reads the power-up value 0x8583, or its threshold
 * registers (which this driver never writes) read their power-up values 0x8000 and 0x7FFF. Each
 * input is then converted in turn: the configuration is written with OS = 1, polled until OS
 * reads 1 again (bounded by 1/DR plus the datasheet's 10 % rate tolerance and 2 ms), checked to
 * hold what was written, and the conversion register read. A result at the clipping codes
 * 0x7FFF or 0x8000 is {@link Fault#OUT_OF_RANGE}: the input is beyond the full scale.
 */
final class Ads1115Reader {

    static final int CONVERSION = 0, CONFIG = 1, LO_THRESH = 2, HI_THRESH = 3;
    static final int CONFIG_RESET = 0x8583;

    private final I2CRegisters chip;
    private final Ads1115.Settings settings;
    private boolean checked;

    Ads1115Reader(I2CRegisters chip, Ads1115.Settings settings) {
        this.chip = chip;
        this.settings = settings;
    }

    List<Reading> read() throws SensorException {
        try {
            if (!checked) {
                check();
                checked = true;
            }
            Ads1115.Settings s = settings;
            Reading[] out = new Reading[s.channels().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = convert(s, s.channels().get(i));
            }
            return List.of(out);
        } catch (SensorException e) {
            checked = false;
            throw e;
        }
    }

    private void check() throws SensorException {
        int config = chip.u16(CONFIG);
        int lo = chip.u16(LO_THRESH);
        int hi = chip.u16(HI_THRESH);
        if (config != CONFIG_RESET && (lo != 0x8000 || hi != 0x7FFF)) {
            throw new SensorException(Fault.WRONG_CHIP, String.format(Locale.ROOT,
                    "registers at %s read config 0x%04X, thresholds 0x%04X and 0x%04X: not an ADS1115 "
                    + "(0x8583 after power-up, thresholds 0x8000 and 0x7FFF)", chip.where(), config, lo, hi));
        }
    }

    private Reading convert(Ads1115.Settings s, Channel c) throws SensorException {
        int config = 0x8000 | (4 + c.input()) << 12 | s.pga() << 9 | 0x0100 | s.dr() << 5 | 0x03;
        long start = System.nanoTime();
        chip.write16(CONFIG, config);
        long deadline = start + s.conversionNanos() * 11 / 10 + 2_000_000;
        pause(s.conversionNanos());
        int back;
        while (((back = chip.u16(CONFIG)) & 0x8000) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new SensorException(Fault.TIMEOUT, String.format(Locale.ROOT,
                        "ADS1115 at %s still converting AIN%d %.1f ms after it started", chip.where(), c.input(), (deadline - start) / 1e6));
            }
            pause(50_000);
        }
        if ((back & 0x7FFF) != (config & 0x7FFF)) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "ADS1115 at %s: configuration reads 0x%04X, wrote 0x%04X", chip.where(), back, config));
        }
        int code = (short) chip.u16(CONVERSION);
        long now = System.currentTimeMillis();
        if (code == Short.MAX_VALUE || code == Short.MIN_VALUE) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "ADS1115 at %s: AIN%d is at or beyond the +-%.3f V full scale (full.scale.v)", chip.where(), c.input(), s.fullScale()));
        }
        return new Reading(s.id(), c.quantity(), code * s.fullScale() / 32768 * c.scale(), "V", now);
    }

    private static void pause(long nanos) throws SensorException {
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new SensorException(Fault.UNAVAILABLE, "interrupted while waiting for the ADS1115");
        }
    }
}
