package dev.wren.driver.bme280;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.SensorException.Fault;

/**
 * The BME280 protocol in forced mode: at the first read (and after any failure) checks the chip
 * id, resets the chip and reads its calibration; then each read starts one measurement, waits
 * for it as long as the datasheet's maximum measurement time says, and compensates the burst
 * read of 0xF7..0xFE. Between reads the chip sleeps (0.1 uA).
 */
final class Bme280Reader {

    static final int CHIP_ID = 0x60;
    private static final int REG_ID = 0xD0, REG_RESET = 0xE0, REG_CTRL_HUM = 0xF2, REG_STATUS = 0xF3,
            REG_CTRL_MEAS = 0xF4, REG_CONFIG = 0xF5, REG_DATA = 0xF7;
    private static final int SKIPPED_20 = 0x80000, SKIPPED_16 = 0x8000;

    /** Waits for the chip, in nanoseconds; a parameter so that benchmarks can time the waiting apart. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;

        /** Parks for about {@code nanos} (Thread.sleep would round up to whole milliseconds). */
        static void park(long nanos) throws InterruptedException {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Status polling interval once the typical measurement time has passed. */
    private static final long POLL_NANOS = 250_000;

    private final I2CRegisters chip;
    private final Bme280.Settings settings;
    private final Sleeper sleeper;
    private final byte[] data = new byte[8];
    private Compensation compensation;

    Bme280Reader(I2CRegisters chip, Bme280.Settings settings) {
        this(chip, settings, Sleeper::park);
    }

    Bme280Reader(I2CRegisters chip, Bme280.Settings settings, Sleeper sleeper) {
        this.chip = chip;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    List<Reading> read() throws SensorException {
        try {
            if (compensation == null) {
                compensation = initialise();
            }
            return measure(compensation);
        } catch (SensorException e) {
            compensation = null;
            throw e;
        }
    }

    private Compensation initialise() throws SensorException {
        int id = chip.u8(REG_ID);
        if (id != CHIP_ID) {
            String what = id == 0x58 || id == 0x56 || id == 0x57 ? "a BMP280 (no humidity)" : "not a BME280";
            throw new SensorException(Fault.WRONG_CHIP, String.format(Locale.ROOT,
                    "chip id 0x%02X at %s is %s, expected 0x%02X", id, chip.where(), what, CHIP_ID));
        }
        chip.write(REG_RESET, 0xB6);
        pause(2_000_000);
        for (int i = 0; (chip.u8(REG_STATUS) & 0x01) != 0; i++) {
            if (i >= 10) {
                throw new SensorException(Fault.TIMEOUT, "BME280 at " + chip.where() + " still copying its calibration 12 ms after reset");
            }
            pause(1_000_000);
        }
        byte[] tp = new byte[26];
        byte[] h = new byte[7];
        chip.read(0x88, tp, tp.length);
        chip.read(0xE1, h, h.length);
        Compensation c = Compensation.parse(tp, h, chip.where());
        chip.write(REG_CONFIG, settings.filter() << 2);
        return c;
    }

    private List<Reading> measure(Compensation c) throws SensorException {
        Bme280.Settings s = settings;
        chip.write(REG_CTRL_HUM, s.osrsH());
        int ctrl = (s.osrsT() << 5) | (s.osrsP() << 2) | 0x01;
        chip.write(REG_CTRL_MEAS, ctrl);
        double maxMs = s.maxMeasurementMillis();
        pause((long) (s.typicalMeasurementMillis() * 1e6));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) maxMs + 20);
        while ((chip.u8(REG_STATUS) & 0x08) != 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new SensorException(Fault.TIMEOUT, String.format(Locale.ROOT,
                        "BME280 at %s still measuring %.0f ms after a forced measurement started", chip.where(), maxMs + 20));
            }
            pause(POLL_NANOS);
        }
        chip.read(REG_DATA, data, data.length);
        long now = System.currentTimeMillis();
        int adcP = raw20(0), adcT = raw20(3), adcH = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (adcT == SKIPPED_20 || adcT == 0xFFFFF || (s.osrsP() > 0 && (adcP == SKIPPED_20 || adcP == 0xFFFFF))
                || (s.osrsH() > 0 && (adcH == SKIPPED_16 || adcH == 0xFFFF))) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "BME280 at %s returned no measurement (raw T 0x%05X, P 0x%05X, H 0x%04X)", chip.where(), adcT, adcP, adcH));
        }
        double tFine = c.tFine(adcT);
        double t = Compensation.temperature(tFine);
        check(t, -40, 85, "temperature", "degC");
        Reading[] out = new Reading[1 + (s.osrsP() > 0 ? 1 : 0) + (s.osrsH() > 0 ? 1 : 0)];
        int n = 0;
        out[n++] = new Reading(s.id(), Quantity.TEMPERATURE, round(t, 100), "degC", now);
        if (s.osrsP() > 0) {
            double p = c.pressure(adcP, tFine);
            check(p, 30_000, 110_000, "pressure", "Pa");
            out[n++] = new Reading(s.id(), Quantity.PRESSURE, round(p, 100), "Pa", now);
        }
        if (s.osrsH() > 0) {
            out[n++] = new Reading(s.id(), Quantity.HUMIDITY, round(c.humidity(adcH, tFine), 1000), "%", now);
        }
        return List.of(out);
    }

    private int raw20(int i) {
        return ((data[i] & 0xFF) << 12) | ((data[i + 1] & 0xFF) << 4) | ((data[i + 2] & 0xFF) >> 4);
    }

    private void check(double v, double min, double max, String quantity, String unit) throws SensorException {
        if (!(v >= min && v <= max)) {
            throw new SensorException(Fault.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "BME280 at %s: %s %.2f %s is outside the chip's range %.0f to %.0f (corrupted bytes?)",
                    chip.where(), quantity, v, unit, min, max));
        }
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private void pause(long nanos) throws SensorException {
        try {
            sleeper.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SensorException(Fault.UNAVAILABLE, "interrupted while waiting for the BME280", e);
        }
    }
}
