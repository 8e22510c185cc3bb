package dev.wren.hardware.simulator.chips;

import java.util.Arrays;
import java.util.Objects;

import dev.wren.hardware.simulator.Environment;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.Vibration;

/**
 * An InvenSense MPU-6050 (register map RM-MPU-6000A) sensing a {@link Vibration}: the sample-rate
 * divider, DLPF setting, accelerometer and gyro ranges, sleep, device reset, the data registers
 * and the 1024-byte FIFO with its overflow flag.
 *
 * <p>Timing follows the {@link SimClock}: the chip samples at the gyro output rate (8 kHz with
 * DLPF_CFG 0 or 7, else 1 kHz) divided by {@code 1 + SMPLRT_DIV}, the accelerometer at most at
 * 1 kHz (faster sample rates repeat its value). Samples are produced lazily: at the start of each
 * bus transaction the chip catches up with every sample period that elapsed, at most
 * {@value #MAX_CATCH_UP} of them (a longer gap keeps only the latest samples, which overflows the
 * FIFO as on silicon).
 *
 * <p>Modelled: PWR_MGMT_1 (reset 0x40: asleep, no samples until bit 6 is cleared; bit 7 resets
 * every register and the FIFO and clears itself), INT_STATUS (DATA_RDY bit 0, FIFO_OFLOW bit 4,
 * all cleared when read), USER_CTRL (FIFO_EN bit 6; FIFO_RESET bit 2, honoured when written with
 * FIFO_EN 0, self-clearing), FIFO_EN (TEMP, XG, YG, ZG, ACCEL bits 7 to 3; frames hold the enabled
 * data registers in address order), FIFO_COUNT (big-endian), FIFO_R_W (each byte read pops one;
 * the register pointer stays on it, so a burst read drains the FIFO), WHO_AM_I 0x68. A full FIFO
 * discards its oldest byte, so frames lose alignment after an overflow. Not modelled: the DLPF's
 * filtering (the vibration model stays within its bandwidth), interrupts pins, I2C slaves,
 * self-test, motion detection and the DMP.
 *
 * <p>Not thread-safe on its own: the simulated bus serialises transactions. Transactions
 * allocate nothing.
 */
public class Mpu6050Chip extends RegisterChip {

    public static final int SMPLRT_DIV = 0x19;
    public static final int CONFIG = 0x1A;
    public static final int GYRO_CONFIG = 0x1B;
    public static final int ACCEL_CONFIG = 0x1C;
    public static final int FIFO_EN = 0x23;
    public static final int INT_STATUS = 0x3A;
    public static final int ACCEL_XOUT_H = 0x3B;
    public static final int TEMP_OUT_H = 0x41;
    public static final int GYRO_XOUT_H = 0x43;
    public static final int USER_CTRL = 0x6A;
    public static final int PWR_MGMT_1 = 0x6B;
    public static final int FIFO_COUNT_H = 0x72;
    public static final int FIFO_COUNT_L = 0x73;
    public static final int FIFO_R_W = 0x74;
    public static final int WHO_AM_I = 0x75;

    /** Bytes the FIFO holds. */
    public static final int FIFO_SIZE = 1024;

    /** Most sample periods one transaction catches up with. */
    public static final int MAX_CATCH_UP = 1024;

    private static final int SLEEP = 0x40;
    private static final int DEVICE_RESET = 0x80;
    private static final int USER_FIFO_EN = 0x40;
    private static final int USER_FIFO_RESET = 0x04;
    private static final int DATA_RDY = 0x01;
    private static final int FIFO_OFLOW = 0x10;
    private static final double[] GYRO_LSB = {131, 65.5, 32.8, 16.4};

    private final SimClock clock;
    private final Vibration vibration;
    private final Environment environment;
    private final long origin;
    private final byte[] fifo = new byte[FIFO_SIZE];
    private final double[] accel = new double[3];
    private final double[] gyro = new double[3];
    private int fifoHead;
    private int fifoCount;
    private int intStatus;
    private long nextSample;

    /**
     * @param clock       the time the chip samples by
     * @param vibration   the motion it senses
     * @param environment gives the die temperature (the air temperature around the board)
     */
    public Mpu6050Chip(SimClock clock, Vibration vibration, Environment environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.vibration = Objects.requireNonNull(vibration, "vibration");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.origin = clock.nanos();
        reset();
    }

    /** @return the motion this chip senses, to script it */
    public Vibration vibration() {
        return vibration;
    }

    /** @return bytes in the FIFO now (without catching up with the clock) */
    public int fifoCount() {
        return fifoCount;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        catchUp();
        super.write(data, offset, length);
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        catchUp();
        super.read(buffer, offset, length);
    }

    @Override
    protected int readRegister(int register) {
        switch (register) {
            case INT_STATUS -> {
                int v = intStatus;
                intStatus = 0;
                return v;
            }
            case FIFO_COUNT_H -> {
                return fifoCount >> 8;
            }
            case FIFO_COUNT_L -> {
                return fifoCount & 0xFF;
            }
            case FIFO_R_W -> {
                return pop();
            }
            default -> {
                return registers[register] & 0xFF;
            }
        }
    }

    @Override
    protected void writeRegister(int register, int value) {
        switch (register) {
            case PWR_MGMT_1 -> {
                if ((value & DEVICE_RESET) != 0) {
                    reset();
                    return;
                }
                boolean waking = (registers[PWR_MGMT_1] & SLEEP) != 0 && (value & SLEEP) == 0;
                registers[PWR_MGMT_1] = (byte) value;
                if (waking) {
                    nextSample = clock.nanos() + periodNanos();
                }
            }
            case SMPLRT_DIV, CONFIG -> {
                registers[register] = (byte) value;
                nextSample = clock.nanos() + periodNanos();
            }
            case USER_CTRL -> {
                if ((value & USER_FIFO_RESET) != 0 && (value & USER_FIFO_EN) == 0) {
                    fifoHead = 0;
                    fifoCount = 0;
                }
                registers[USER_CTRL] = (byte) (value & ~USER_FIFO_RESET);
            }
            case FIFO_R_W -> push(value);
            case INT_STATUS, FIFO_COUNT_H, FIFO_COUNT_L, WHO_AM_I -> { }
            default -> {
                if (register < ACCEL_XOUT_H || register > GYRO_XOUT_H + 5) {
                    registers[register] = (byte) value;
                }
            }
        }
    }

    @Override
    protected int nextPointer(int register, boolean afterWrite) {
        return register == FIFO_R_W ? FIFO_R_W : (register + 1) & 0xFF;
    }

    private void reset() {
        Arrays.fill(registers, (byte) 0);
        registers[PWR_MGMT_1] = SLEEP;
        registers[WHO_AM_I] = 0x68;
        fifoHead = 0;
        fifoCount = 0;
        intStatus = 0;
        nextSample = clock.nanos();
    }

    /** @return nanoseconds between two samples at the current settings */
    private long periodNanos() {
        int dlpf = registers[CONFIG] & 0x07;
        long gyroPeriod = dlpf == 0 || dlpf == 7 ? 125_000 : 1_000_000;
        return gyroPeriod * (1 + (registers[SMPLRT_DIV] & 0xFF));
    }

    private void catchUp() {
        long now = clock.nanos();
        if ((registers[PWR_MGMT_1] & SLEEP) != 0) {
            nextSample = now;
            return;
        }
        if (now < nextSample) {
            return;
        }
        long period = periodNanos();
        long due = (now - nextSample) / period + 1;
        if (due > MAX_CATCH_UP) {
            nextSample += (due - MAX_CATCH_UP) * period;
            due = MAX_CATCH_UP;
        }
        boolean fifoOn = (registers[USER_CTRL] & USER_FIFO_EN) != 0 && (registers[FIFO_EN] & 0xF8) != 0;
        for (long i = 0; i < due; i++) {
            if (fifoOn || i == due - 1) {
                sample(nextSample);
                if (fifoOn) {
                    enqueueFrame();
                }
            }
            nextSample += period;
        }
        intStatus |= DATA_RDY;
    }

    private void sample(long at) {
        long sinceOrigin = at - origin;
        long accelAt = periodNanos() < 1_000_000 ? sinceOrigin - sinceOrigin % 1_000_000 : sinceOrigin;
        vibration.accel(accelAt / 1e9, accel);
        vibration.gyro(sinceOrigin / 1e9, gyro);
        double lsbPerG = 16384 >> ((registers[ACCEL_CONFIG] >> 3) & 3);
        double lsbPerDps = GYRO_LSB[(registers[GYRO_CONFIG] >> 3) & 3];
        for (int i = 0; i < 3; i++) {
            putBe16(ACCEL_XOUT_H + 2 * i, saturate(accel[i] * lsbPerG));
            putBe16(GYRO_XOUT_H + 2 * i, saturate(gyro[i] * lsbPerDps));
        }
        putBe16(TEMP_OUT_H, saturate((environment.temperatureC() - 36.53) * 340));
    }

    private void enqueueFrame() {
        int enabled = registers[FIFO_EN] & 0xFF;
        if ((enabled & 0x08) != 0) {
            pushRegisters(ACCEL_XOUT_H, 6);
        }
        if ((enabled & 0x80) != 0) {
            pushRegisters(TEMP_OUT_H, 2);
        }
        for (int axis = 0; axis < 3; axis++) {
            if ((enabled & (0x40 >> axis)) != 0) {
                pushRegisters(GYRO_XOUT_H + 2 * axis, 2);
            }
        }
    }

    private void pushRegisters(int first, int count) {
        for (int r = first; r < first + count; r++) {
            push(registers[r] & 0xFF);
        }
    }

    private void push(int value) {
        if (fifoCount == FIFO_SIZE) {
            fifoHead = (fifoHead + 1) % FIFO_SIZE;
            fifoCount--;
            intStatus |= FIFO_OFLOW;
        }
        fifo[(fifoHead + fifoCount) % FIFO_SIZE] = (byte) value;
        fifoCount++;
    }

    private int pop() {
        if (fifoCount == 0) {
            return 0;
        }
        int v = fifo[fifoHead] & 0xFF;
        fifoHead = (fifoHead + 1) % FIFO_SIZE;
        fifoCount--;
        return v;
    }

    private static int saturate(double v) {
        return (int) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
}
