package dev.wren.hardware.simulator.chips;

import dev.wren.hardware.simulator.Environment;
import dev.wren.hardware.simulator.SimClock;

/**
 * A Bosch BME280 (BST-BME280-DS002): chip id 0xD0 = 0x60, soft reset 0xB6 at 0xE0, calibration
 * in 0x88..0xA1 and 0xE1..0xE7, ctrl_hum latched by a write of ctrl_meas, forced mode (one
 * measurement, then sleep) and normal mode (a measurement every t_standby), status bit 3 high
 * while measuring for the datasheet's maximum measurement time, results latched into
 * 0xF7..0xFE when a measurement ends, 0x80000 / 0x8000 for a skipped measurement. Raw values come
 * from the {@link Environment} through the inverted compensation, so a correct driver reads back
 * what the environment says, to within the chip's resolution.
 */
public class Bme280Chip extends RegisterChip {

    public static final int CHIP_ID = 0x60;

    private static final int REG_ID = 0xD0, REG_RESET = 0xE0, REG_CTRL_HUM = 0xF2, REG_STATUS = 0xF3,
            REG_CTRL_MEAS = 0xF4, REG_CONFIG = 0xF5, REG_DATA = 0xF7;
    private static final double[] STANDBY_MS = {0.5, 62.5, 125, 250, 500, 1000, 10, 20};

    private final SimClock clock;
    private final Environment environment;
    private final Bme280Calibration cal;
    private final int chipId;
    private int latchedHumidityOsrs;
    private long measurementStarts;
    private long measurementEnds;
    private boolean measuring;

    public Bme280Chip(SimClock clock, Environment environment) {
        this(clock, environment, Bme280Calibration.EXAMPLE, CHIP_ID);
    }

    /** @param chipId what 0xD0 reads: 0x60, or 0x58 to pose as a BMP280 */
    public Bme280Chip(SimClock clock, Environment environment, Bme280Calibration cal, int chipId) {
        this.clock = clock;
        this.environment = environment;
        this.cal = cal;
        this.chipId = chipId;
        loadNvm();
        reset();
    }

    private void loadNvm() {
        putLe16(0x88, cal.t1());
        putLe16(0x8A, cal.t2());
        putLe16(0x8C, cal.t3());
        int[] p = {cal.p1(), cal.p2(), cal.p3(), cal.p4(), cal.p5(), cal.p6(), cal.p7(), cal.p8(), cal.p9()};
        for (int i = 0; i < p.length; i++) {
            putLe16(0x8E + 2 * i, p[i]);
        }
        registers[0xA1] = (byte) cal.h1();
        putLe16(0xE1, cal.h2());
        registers[0xE3] = (byte) cal.h3();
        registers[0xE4] = (byte) (cal.h4() >> 4);
        registers[0xE5] = (byte) ((cal.h4() & 0x0F) | ((cal.h5() & 0x0F) << 4));
        registers[0xE6] = (byte) (cal.h5() >> 4);
        registers[0xE7] = (byte) cal.h6();
        registers[REG_ID] = (byte) chipId;
    }

    private void reset() {
        registers[REG_CTRL_HUM] = 0;
        registers[REG_CTRL_MEAS] = 0;
        registers[REG_CONFIG] = 0;
        latchedHumidityOsrs = 0;
        measuring = false;
        registers[REG_DATA] = (byte) 0x80;
        registers[REG_DATA + 1] = 0;
        registers[REG_DATA + 2] = 0;
        registers[REG_DATA + 3] = (byte) 0x80;
        registers[REG_DATA + 4] = 0;
        registers[REG_DATA + 5] = 0;
        registers[REG_DATA + 6] = (byte) 0x80;
        registers[REG_DATA + 7] = 0;
    }

    @Override
    protected void writeRegister(int register, int value) {
        switch (register) {
            case REG_RESET -> {
                if (value == 0xB6) {
                    reset();
                }
            }
            case REG_CTRL_HUM -> registers[register] = (byte) (value & 0x07);
            case REG_CONFIG -> registers[register] = (byte) (value & 0xFD);
            case REG_CTRL_MEAS -> {
                registers[register] = (byte) value;
                latchedHumidityOsrs = registers[REG_CTRL_HUM] & 0x07;
                int mode = value & 0x03;
                if (mode == 1 || mode == 2 || mode == 3) {
                    startMeasurement();
                }
            }
            default -> {
                // calibration, id and data registers are read-only
            }
        }
    }

    @Override
    protected int readRegister(int register) {
        update();
        if (register == REG_STATUS) {
            return measuring && clock.nanos() - measurementStarts >= 0 ? 0x08 : 0x00;
        }
        return super.readRegister(register);
    }

    private void startMeasurement() {
        measuring = true;
        measurementStarts = clock.nanos();
        measurementEnds = measurementStarts + (long) (measurementMillis() * 1e6);
    }

    /** Maximum measurement time, datasheet section 9.1, in milliseconds. */
    double measurementMillis() {
        int ctrl = registers[REG_CTRL_MEAS] & 0xFF;
        int t = oversampling(ctrl >> 5), p = oversampling(ctrl >> 2), h = oversampling(latchedHumidityOsrs);
        return 1.25 + 2.3 * t + (p > 0 ? 2.3 * p + 0.575 : 0) + (h > 0 ? 2.3 * h + 0.575 : 0);
    }

    private static int oversampling(int bits) {
        int o = bits & 0x07;
        return o == 0 ? 0 : 1 << Math.min(o - 1, 4);
    }

    /** Completes the measurement in progress if its time is up; in normal mode starts the next. */
    private void update() {
        if (!measuring || clock.nanos() - measurementEnds < 0) {
            return;
        }
        latchResults();
        int ctrl = registers[REG_CTRL_MEAS] & 0xFF;
        if ((ctrl & 0x03) == 3) {
            long cycle = (long) ((measurementMillis() + STANDBY_MS[(registers[REG_CONFIG] & 0xFF) >> 5]) * 1e6);
            long behind = Math.max(0, (clock.nanos() - measurementStarts) / cycle);
            measurementStarts += behind * cycle;
            measurementEnds = measurementStarts + (long) (measurementMillis() * 1e6);
            if (clock.nanos() - measurementEnds >= 0) {
                measurementStarts += cycle;
                measurementEnds += cycle;
            }
        } else {
            measuring = false;
            registers[REG_CTRL_MEAS] = (byte) (ctrl & ~0x03);
        }
    }

    private void latchResults() {
        int ctrl = registers[REG_CTRL_MEAS] & 0xFF;
        double tFine = Bme280Calibration.tFine(environment.temperatureC());
        int t = (ctrl >> 5) != 0 ? cal.rawTemperature(tFine) : 0x80000;
        int p = ((ctrl >> 2) & 0x07) != 0 ? cal.rawPressure(environment.pressurePa(), tFine) : 0x80000;
        int h = latchedHumidityOsrs != 0 ? cal.rawHumidity(environment.humidityPercent(), tFine) : 0x8000;
        put20(REG_DATA, p);
        put20(REG_DATA + 3, t);
        putBe16(REG_DATA + 6, h);
    }

    private void put20(int register, int raw) {
        registers[register] = (byte) (raw >> 12);
        registers[register + 1] = (byte) (raw >> 4);
        registers[register + 2] = (byte) ((raw & 0x0F) << 4);
    }
}
