package dev.wren.hardware.simulator.chips;

import static dev.wren.hardware.simulator.chips.Mpu6050Chip.ACCEL_CONFIG;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.ACCEL_XOUT_H;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.CONFIG;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.FIFO_COUNT_H;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.FIFO_EN;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.FIFO_R_W;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.GYRO_CONFIG;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.GYRO_XOUT_H;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.INT_STATUS;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.PWR_MGMT_1;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.SMPLRT_DIV;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.TEMP_OUT_H;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.USER_CTRL;
import static dev.wren.hardware.simulator.chips.Mpu6050Chip.WHO_AM_I;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.Environment;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.Vibration;
import dev.wren.hardware.simulator.Vibration.Condition;

class Mpu6050ChipTest {

    private final ManualClock clock = new ManualClock();
    private final Environment air = new Environment();
    private final Vibration vibration = new Vibration(11).noiseG(0);
    private final Mpu6050Chip chip = new Mpu6050Chip(clock, vibration, air);

    @Test
    void resetValuesAndIdentity() {
        assertEquals(0x68, u8(WHO_AM_I));
        assertEquals(0x40, u8(PWR_MGMT_1));
        for (int r : new int[] {SMPLRT_DIV, CONFIG, GYRO_CONFIG, ACCEL_CONFIG, FIFO_EN, USER_CTRL, INT_STATUS}) {
            assertEquals(0, u8(r), "register 0x" + Integer.toHexString(r));
        }
        write(WHO_AM_I, 0x12);
        assertEquals(0x68, u8(WHO_AM_I), "read-only");
    }

    @Test
    void asleepNothingUpdatesNorFillsTheFifo() {
        startFifo(0x08);
        write(PWR_MGMT_1, 0x40);
        clock.advance(Duration.ofMillis(50));
        assertEquals(0, s16(ACCEL_XOUT_H + 4));
        assertEquals(0, u16(FIFO_COUNT_H));
        assertEquals(0, u8(INT_STATUS));
        write(PWR_MGMT_1, 0x00);
        clock.advance(Duration.ofMillis(10));
        assertEquals(60, u16(FIFO_COUNT_H));
        assertEquals(0x01, u8(INT_STATUS), "DATA_RDY");
        assertEquals(0, u8(INT_STATUS), "cleared by reading");
    }

    @Test
    void accelerometerScalesWithRange() {
        write(PWR_MGMT_1, 0x00);
        int[] lsbPerG = {16384, 8192, 4096, 2048};
        for (int afs = 0; afs < 4; afs++) {
            write(ACCEL_CONFIG, afs << 3);
            clock.advance(Duration.ofMillis(1));
            assertEquals(1.0, s16(ACCEL_XOUT_H + 4) / (double) lsbPerG[afs], 0.03, "AFS_SEL " + afs);
        }
    }

    @Test
    void saturatesAtFullScale() {
        vibration.condition(Condition.IMBALANCE).severity(10);
        write(PWR_MGMT_1, 0x00);
        int max = 0;
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(1));
            max = Math.max(max, Math.abs(s16(ACCEL_XOUT_H)));
        }
        assertTrue(max >= 32767, "3 g on +-2 g clips, was " + max);
    }

    @Test
    void temperatureAndGyro() {
        air.temperatureC(30);
        write(PWR_MGMT_1, 0x00);
        clock.advance(Duration.ofMillis(1));
        assertEquals(30.0, s16(TEMP_OUT_H) / 340.0 + 36.53, 0.01);
        vibration.condition(Condition.IMBALANCE);
        write(GYRO_CONFIG, 3 << 3);
        int max = 0;
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofMillis(1));
            max = Math.max(max, Math.abs(s16(GYRO_XOUT_H)));
        }
        assertEquals(0.8 * 16.4, max, 3);
    }

    @Test
    void resetDlpfSamplesAt8kHz() {
        write(PWR_MGMT_1, 0x00);
        write(FIFO_EN, 0x08);
        write(USER_CTRL, 0x40);
        clock.advance(Duration.ofMillis(10));
        assertEquals(480, u16(FIFO_COUNT_H), "8 kHz, 6-byte frames");
    }

    @Test
    void fifoFillsAtTheSampleRate() {
        startFifo(0x08);
        clock.advance(Duration.ofMillis(100));
        assertEquals(600, u16(FIFO_COUNT_H), "1 kHz, 6-byte frames");
        write(SMPLRT_DIV, 4);
        resetFifo();
        clock.advance(Duration.ofMillis(100));
        assertEquals(120, u16(FIFO_COUNT_H), "200 Hz");
        write(CONFIG, 0);
        write(SMPLRT_DIV, 7);
        resetFifo();
        clock.advance(Duration.ofMillis(50));
        assertEquals(300, u16(FIFO_COUNT_H), "8 kHz / 8");
        clock.advance(Duration.ofNanos(999_999));
        assertEquals(300, u16(FIFO_COUNT_H), "no sample before its period ends");
    }

    @Test
    void framesHoldTheEnabledRegistersInAddressOrder() {
        startFifo(0x08 | 0x80 | 0x40);
        clock.advance(Duration.ofMillis(3));
        assertEquals(3 * 10, u16(FIFO_COUNT_H));
        byte[] regs = read(ACCEL_XOUT_H, 14);
        byte[] frames = read(FIFO_R_W, 30);
        assertEquals(0, u16(FIFO_COUNT_H), "a burst read of FIFO_R_W drains the FIFO");
        byte[] last = java.util.Arrays.copyOfRange(frames, 20, 30);
        byte[] expected = new byte[10];
        System.arraycopy(regs, 0, expected, 0, 8);
        System.arraycopy(regs, 8, expected, 8, 2);
        assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(last));
        assertEquals(1.0, (short) (((frames[4] & 0xFF) << 8) | (frames[5] & 0xFF)) / 16384.0, 0.03, "z of frame 0");
    }

    @Test
    void overflowFlagsAndKeepsTheNewestBytes() {
        startFifo(0x08);
        clock.advance(Duration.ofMillis(170));
        assertEquals(1020, u16(FIFO_COUNT_H));
        assertEquals(0x01, u8(INT_STATUS));
        clock.advance(Duration.ofMillis(1));
        assertEquals(1024, u16(FIFO_COUNT_H));
        assertEquals(0x11, u8(INT_STATUS), "FIFO_OFLOW and DATA_RDY");
        assertEquals(0, u8(INT_STATUS));
        clock.advance(Duration.ofHours(1));
        assertEquals(1024, u16(FIFO_COUNT_H), "a long gap only overflows");
        assertEquals(0x11, u8(INT_STATUS));
        read(FIFO_R_W, 1024);
        assertEquals(0, u16(FIFO_COUNT_H));
    }

    @Test
    void fifoResetNeedsFifoDisabledInTheSameWrite() {
        startFifo(0x08);
        clock.advance(Duration.ofMillis(10));
        write(USER_CTRL, 0x44);
        assertEquals(60, u16(FIFO_COUNT_H));
        write(USER_CTRL, 0x04);
        assertEquals(0, u16(FIFO_COUNT_H));
        assertEquals(0, u8(USER_CTRL), "FIFO_RESET clears itself");
    }

    @Test
    void deviceResetRestoresDefaults() {
        startFifo(0x08);
        write(ACCEL_CONFIG, 0x18);
        clock.advance(Duration.ofMillis(10));
        write(PWR_MGMT_1, 0x80);
        assertEquals(0x40, u8(PWR_MGMT_1));
        assertEquals(0, u8(ACCEL_CONFIG));
        assertEquals(0, u8(FIFO_EN));
        assertEquals(0, u16(FIFO_COUNT_H));
    }

    @Test
    void fifoCarriesTheVibration() {
        vibration.condition(Condition.IMBALANCE);
        startFifo(0x08);
        double[] x = new double[1000];
        for (int chunk = 0; chunk < 10; chunk++) {
            clock.advance(Duration.ofMillis(100));
            byte[] b = read(FIFO_R_W, 600);
            for (int i = 0; i < 100; i++) {
                x[chunk * 100 + i] = (short) (((b[6 * i] & 0xFF) << 8) | (b[6 * i + 1] & 0xFF)) / 16384.0;
            }
        }
        double peak = 0;
        double bestHz = 0;
        for (int hz = 1; hz < 500; hz++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < x.length; i++) {
                re += x[i] * Math.cos(2 * Math.PI * hz * i / 1000.0);
                im += x[i] * Math.sin(2 * Math.PI * hz * i / 1000.0);
            }
            if (Math.hypot(re, im) > peak) {
                peak = Math.hypot(re, im);
                bestHz = hz;
            }
        }
        assertTrue(Math.abs(bestHz - 29.5) <= 1, "peak at " + bestHz);
    }

    private void startFifo(int sources) {
        write(PWR_MGMT_1, 0x00);
        write(CONFIG, 1);
        write(FIFO_EN, sources);
        write(USER_CTRL, 0x40);
    }

    private void resetFifo() {
        write(USER_CTRL, 0x04);
        write(USER_CTRL, 0x40);
    }

    private void write(int register, int value) {
        chip.write(new byte[] {(byte) register, (byte) value}, 0, 2);
    }

    private byte[] read(int register, int length) {
        chip.write(new byte[] {(byte) register}, 0, 1);
        byte[] b = new byte[length];
        chip.read(b, 0, length);
        return b;
    }

    private int u8(int register) {
        return read(register, 1)[0] & 0xFF;
    }

    private int u16(int register) {
        byte[] b = read(register, 2);
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    private int s16(int register) {
        return (short) u16(register);
    }
}
