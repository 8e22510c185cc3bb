package dev.wren.hardware.simulator.chips;

import java.util.function.DoubleSupplier;

import dev.wren.hardware.simulator.SimClock;

/**
 * TI INA219 current and power monitor (SBOS448) behind a shunt resistor.
 *
 * <p>Registers: 00 configuration (reset 0x399F; bit 15 resets every register), 01 shunt voltage
 * (10 uV per LSB, signed, clipped to the PGA range +-40/80/160/320 mV), 02 bus voltage
 * ({@code (mV / 4) << 3}, bit 1 CNVR, bit 0 OVF), 03 power ({@code current x bus / 5000}),
 * 04 current ({@code shunt x cal / 4096}), 05 calibration (bit 0 always 0). Current and power
 * stay 0 until a calibration is written and a conversion completes.
 *
 * <p>Conversions follow the {@link SimClock}: a shunt plus a bus conversion take the times of
 * the SADC and BADC settings (532 us each at 12 bits, up to 68.1 ms at 128 samples). In the
 * continuous modes results latch at the end of each cycle; a triggered mode written to the
 * configuration runs one cycle. CNVR sets when a cycle completes and clears when the power
 * register is read or a mode is written; OVF sets when current or power does not fit its
 * register.
 */
public final class Ina219Chip extends WordChip {

    public static final int CONFIG = 0x00;
    public static final int SHUNT = 0x01;
    public static final int BUS = 0x02;
    public static final int POWER = 0x03;
    public static final int CURRENT = 0x04;
    public static final int CALIBRATION = 0x05;
    public static final int CONFIG_RESET = 0x399F;

    private static final long[] ADC_NANOS = {84_000, 148_000, 276_000, 532_000};
    private static final long[] AVERAGED_NANOS = {532_000, 1_060_000, 2_130_000, 4_260_000,
        8_510_000, 17_020_000, 34_050_000, 68_100_000};

    private final SimClock clock;
    private final double shuntOhms;
    private final DoubleSupplier busVolts;
    private final DoubleSupplier currentAmps;

    private int config;
    private int calibration;
    private int shunt;
    private int bus;
    private int current;
    private int power;
    private boolean ready;
    private boolean overflow;
    private long started;
    private long cycles;

    /**
     * @param clock       the time conversions take
     * @param shuntOhms   the shunt resistor between IN+ and IN-, in ohms
     * @param busVolts    the voltage at IN- against ground, in V
     * @param currentAmps the current through the shunt from IN+ to IN-, in A
     */
    public Ina219Chip(SimClock clock, double shuntOhms, DoubleSupplier busVolts, DoubleSupplier currentAmps) {
        if (!(shuntOhms > 0)) {
            throw new IllegalArgumentException("shunt resistance must be above 0 ohm, was " + shuntOhms);
        }
        this.clock = clock;
        this.shuntOhms = shuntOhms;
        this.busVolts = busVolts;
        this.currentAmps = currentAmps;
        reset();
    }

    @Override
    protected synchronized int readWord(int pointer) {
        update();
        return switch (pointer) {
            case CONFIG -> config;
            case SHUNT -> shunt & 0xFFFF;
            case BUS -> (bus << 3) | (ready ? 2 : 0) | (overflow ? 1 : 0);
            case POWER -> {
                ready = false;
                yield power;
            }
            case CURRENT -> current & 0xFFFF;
            case CALIBRATION -> calibration;
            default -> 0;
        };
    }

    @Override
    protected synchronized void writeWord(int pointer, int value) {
        update();
        if (pointer == CONFIG) {
            if ((value & 0x8000) != 0) {
                reset();
            } else {
                config = value;
                startCycles();
            }
        } else if (pointer == CALIBRATION) {
            calibration = value & 0xFFFE;
        }
    }

    /** @return the time one shunt-and-bus cycle takes with the current configuration, in ns */
    public synchronized long cycleNanos() {
        long t = 0;
        int mode = config & 7;
        if ((mode & 1) != 0) {
            t += adcNanos((config >> 3) & 0xF);
        }
        if ((mode & 2) != 0) {
            t += adcNanos((config >> 7) & 0xF);
        }
        return t;
    }

    private static long adcNanos(int setting) {
        return (setting & 8) == 0 ? ADC_NANOS[setting & 3] : AVERAGED_NANOS[setting & 7];
    }

    private void reset() {
        config = CONFIG_RESET;
        calibration = 0;
        shunt = 0;
        bus = 0;
        current = 0;
        power = 0;
        overflow = false;
        startCycles();
    }

    private void startCycles() {
        ready = false;
        started = clock.nanos();
        cycles = 0;
    }

    private void update() {
        int mode = config & 7;
        if (mode == 0 || mode == 4) {
            return;
        }
        long done = (clock.nanos() - started) / cycleNanos();
        boolean continuous = (mode & 4) != 0;
        if (done > cycles && (continuous || cycles == 0)) {
            cycles = continuous ? done : 1;
            latch(mode);
        }
    }

    private void latch(int mode) {
        if ((mode & 1) != 0) {
            int range = 4000 << ((config >> 11) & 3);
            shunt = clip((int) Math.round(currentAmps.getAsDouble() * shuntOhms / 10e-6), -range, range);
        }
        if ((mode & 2) != 0) {
            int max = (config & 0x2000) != 0 ? 8000 : 4000;
            bus = clip((int) Math.round(busVolts.getAsDouble() / 0.004), 0, max);
        }
        long c = calibration == 0 ? 0 : (long) shunt * calibration / 4096;
        long p = Math.abs(c) * bus / 5000;
        overflow = c > Short.MAX_VALUE || c < Short.MIN_VALUE || p > 0xFFFF;
        current = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, c));
        power = (int) Math.min(0xFFFF, p);
        ready = true;
    }

    private static int clip(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
