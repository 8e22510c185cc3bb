package dev.wren.driver.mpu6050;

import java.util.List;
import java.util.Locale;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;
import dev.wren.sensor.Window;
import dev.wren.sensor.Quantity;

/**
 * The MPU-6050 FIFO capture protocol. At the first read (and after any failure) checks
 * WHO_AM_I, resets the chip, wakes it, sets rate, filter and range, and starts the FIFO with the
 * accelerometer only (6-byte frames). Each read then checks the overflow flag, reads FIFO_COUNT
 * and drains the whole frames in bursts from FIFO_R_W. An overflow is never returned as a
 * window: it throws {@link Fault#CORRUPT_DATA}, and the next read restarts the FIFO and returns
 * what it captured since, so the window after is clean (frames lose their alignment when the
 * chip discards bytes) and a late retry cannot overflow again.
 *
 * <p>Not thread-safe: one sampler thread reads one sensor. Buffers are reused; a window allocates
 * only the array it hands over.
 */
final class Mpu6050Reader {

    static final int CHIP_ID = 0x68;
    static final List<String> CHANNELS = List.of(Quantity.ACCEL_X, Quantity.ACCEL_Y, Quantity.ACCEL_Z);

    private static final int SMPLRT_DIV = 0x19, CONFIG = 0x1A, GYRO_CONFIG = 0x1B, ACCEL_CONFIG = 0x1C, FIFO_EN = 0x23,
            INT_STATUS = 0x3A, USER_CTRL = 0x6A, PWR_MGMT_1 = 0x6B, FIFO_COUNT_H = 0x72, FIFO_R_W = 0x74, WHO_AM_I = 0x75;
    private static final int FIFO_OFLOW = 0x10, USER_FIFO_EN = 0x40, USER_FIFO_RESET = 0x04, SLEEP = 0x40,
            DEVICE_RESET = 0x80, CLOCK_PLL_X = 0x01, FIFO_ACCEL = 0x08;
    private static final int FIFO_SIZE = 1024, FRAME = 6;

    /** Bytes per I2C read from FIFO_R_W: whole frames, well within an adapter's transfer limit. */
    static final int CHUNK = 240;

    /** Time the chip needs after a device reset (as the Linux driver allows), in milliseconds. */
    static final long RESET_MILLIS = 100;

    private final I2CRegisters chip;
    private final Mpu6050.Settings settings;
    private final float scale;
    private final byte[] small = new byte[4];
    private final byte[] chunk = new byte[CHUNK];
    private boolean capturing;
    private boolean restartPending;

    Mpu6050Reader(I2CRegisters chip, Mpu6050.Settings settings) {
        this.chip = chip;
        this.settings = settings;
        this.scale = 1f / settings.countsPerG();
    }

    /** @see dev.wren.sensor.WindowSensor#readWindow() */
    Window readWindow() throws SensorException {
        try {
            if (!capturing) {
                start();
                capturing = true;
            } else if (restartPending) {
                // after an overflow capture restarts at the next read, however late it comes: a
                // sensor retried with backoff gets a short clean window, never another overflow
                restartFifo();
                restartPending = false;
            }
            return drain();
        } catch (SensorException e) {
            if (e.fault() != Fault.CORRUPT_DATA) {
                capturing = false;
            }
            throw e;
        }
    }

    private void start() throws SensorException {
        int id = u8(WHO_AM_I);
        if (id != CHIP_ID) {
            String what = switch (id) {
                case 0x70 -> "an MPU-6500, not";
                case 0x71 -> "an MPU-9250, not";
                case 0x73 -> "an MPU-9255, not";
                default -> "not";
            };
            throw new SensorException(Fault.WRONG_CHIP, String.format(Locale.ROOT,
                    "chip id 0x%02X at %s is %s an MPU-6050 (0x%02X)", id, chip.where(), what, CHIP_ID));
        }
        chip.write(PWR_MGMT_1, DEVICE_RESET);
        pause(RESET_MILLIS);
        chip.write(PWR_MGMT_1, CLOCK_PLL_X);
        Mpu6050.Settings s = settings;
        chip.write(SMPLRT_DIV, s.divider());
        chip.write(CONFIG, s.dlpf());
        chip.write(GYRO_CONFIG, 0);
        chip.write(ACCEL_CONFIG, s.range() << 3);
        chip.read(SMPLRT_DIV, small, 4);
        if ((small[0] & 0xFF) != s.divider() || (small[1] & 0x07) != s.dlpf() || ((small[3] >> 3) & 3) != s.range()
                || (u8(PWR_MGMT_1) & (SLEEP | DEVICE_RESET)) != 0) {
            throw new SensorException(Fault.CORRUPT_DATA, "MPU-6050 at " + chip.where()
                    + " did not keep its configuration (read back differs from what was written)");
        }
        chip.write(FIFO_EN, FIFO_ACCEL);
        restartFifo();
    }

    private void restartFifo() throws SensorException {
        chip.write(USER_CTRL, USER_FIFO_RESET);
        chip.write(USER_CTRL, USER_FIFO_EN);
        u8(INT_STATUS);
    }

    private Window drain() throws SensorException {
        int status = u8(INT_STATUS);
        chip.read(FIFO_COUNT_H, small, 2);
        int count = ((small[0] & 0xFF) << 8) | (small[1] & 0xFF);
        if (count > FIFO_SIZE) {
            capturing = false;
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "MPU-6050 at %s reports %d bytes in its %d-byte FIFO", chip.where(), count, FIFO_SIZE));
        }
        if ((status & FIFO_OFLOW) != 0 || count == FIFO_SIZE) {
            restartPending = true;
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "FIFO of MPU-6050 at %s overflowed: more than %d samples (%d ms at %d Hz) since the last read; "
                            + "samples lost, capture restarts at the next read", chip.where(), Mpu6050.Settings.FIFO_FRAMES,
                    Mpu6050.Settings.FIFO_FRAMES * 1000 / settings.rateHz(), settings.rateHz()));
        }
        if (count == 0) {
            checkStillCapturing();
        }
        int frames = count / FRAME;
        float[] samples = new float[frames * 3];
        int bytes = frames * FRAME;
        for (int done = 0; done < bytes; done += CHUNK) {
            int n = Math.min(CHUNK, bytes - done);
            chip.read(FIFO_R_W, chunk, n);
            int base = done / 2;
            for (int i = 0; i < n; i += 2) {
                samples[base + i / 2] = (short) ((chunk[i] << 8) | (chunk[i + 1] & 0xFF)) * scale;
            }
        }
        long start = System.currentTimeMillis() - Math.round(frames * 1000.0 / settings.rateHz());
        return new Window(settings.id(), CHANNELS, "g", start, settings.rateHz(), samples);
    }

    /** An empty FIFO is normal right after a start; a chip that lost power sleeps with its FIFO off. */
    private void checkStillCapturing() throws SensorException {
        chip.read(USER_CTRL, small, 2);
        if ((small[0] & USER_FIFO_EN) == 0 || (small[1] & SLEEP) != 0) {
            capturing = false;
            throw new SensorException(Fault.UNAVAILABLE, String.format(Locale.ROOT,
                    "MPU-6050 at %s was reset (USER_CTRL 0x%02X, PWR_MGMT_1 0x%02X): power lost? capture restarts",
                    chip.where(), small[0] & 0xFF, small[1] & 0xFF));
        }
    }

    private int u8(int register) throws SensorException {
        chip.read(register, small, 1);
        return small[0] & 0xFF;
    }

    private static void pause(long ms) throws SensorException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SensorException(Fault.UNAVAILABLE, "interrupted while waiting for the MPU-6050", e);
        }
    }
}
