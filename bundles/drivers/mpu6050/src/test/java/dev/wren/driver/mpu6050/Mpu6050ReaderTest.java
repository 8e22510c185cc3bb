package dev.wren.driver.mpu6050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.hardware.simulator.Vibration;
import dev.wren.hardware.simulator.Vibration.Condition;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;
import dev.wren.hardware.simulator.chips.RegisterChip;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;
import dev.wren.sensor.Window;

class Mpu6050ReaderTest {

    private final ManualClock clock = new ManualClock();
    private final SimBoard board = new SimBoard(clock, 3);
    private final SimContext bus = new SimContext(board);
    private final Vibration vibration = new Vibration(3);

    @AfterEach
    void close() {
        bus.close();
    }

    private SimDevice plug() {
        return board.plug(1, 0x68, new Mpu6050Chip(clock, vibration, board.environment()));
    }

    private Mpu6050Reader reader(Map<String, Object> config) {
        Mpu6050.Settings s = Configs.settings(config);
        return new Mpu6050Reader(bus.open(s.bus(), s.address()), s);
    }

    private Window after(Mpu6050Reader r, long ms) throws SensorException {
        clock.advance(Duration.ofMillis(ms));
        return r.readWindow();
    }

    @Test
    void windowsHoldTheSamplesSinceTheLastRead() throws SensorException {
        plug();
        Mpu6050Reader r = reader(Map.of());
        Window first = r.readWindow();
        assertEquals(0, first.frames(), "capture starts with the first read");
        long before = System.currentTimeMillis();
        Window w = after(r, 100);
        long after = System.currentTimeMillis();
        assertEquals(100, w.frames());
        assertEquals(1000.0, w.rateHz());
        assertEquals(List.of("accel.x", "accel.y", "accel.z"), w.channels());
        assertEquals("g", w.unit());
        assertEquals("vibration", w.sensor());
        assertTrue(w.start() >= before - 100 && w.start() <= after - 100, "start " + w.start());
        assertEquals(1.0, mean(w, 2), 0.01);
        assertEquals(0.0, mean(w, 0), 0.01);
        assertEquals(150, after(r, 150).frames(), "the DEGRADED default fits");
        assertEquals(7, after(r, 7).frames());
    }

    @Test
    void slowerRatesFillProportionally() throws SensorException {
        plug();
        Mpu6050Reader r = reader(Map.of("sample.rate.hz", 200));
        r.readWindow();
        Window w = after(r, 500);
        assertEquals(100, w.frames());
        assertEquals(200.0, w.rateHz());
        Mpu6050Reader unfiltered = reader(Map.of("sample.rate.hz", 500, "dlpf", 0));
        unfiltered.readWindow();
        assertEquals(50, after(unfiltered, 100).frames(), "8 kHz gyro rate divided by 16");
    }

    @Test
    void scalesEveryRange() throws SensorException {
        plug();
        vibration.condition(Condition.IMBALANCE).severity(1);
        for (int g : new int[] {2, 4, 8, 16}) {
            Mpu6050Reader r = reader(Map.of("accel.range.g", g));
            r.readWindow();
            Window w = after(r, 102);
            assertEquals(1.0, mean(w, 2), 0.02, "+-" + g + " g");
            assertEquals(0.32, peak(w, 0), 0.05, "+-" + g + " g");
        }
        vibration.severity(10);
        Mpu6050Reader r = reader(Map.of("accel.range.g", 2));
        r.readWindow();
        assertEquals(2.0, peak(after(r, 100), 0), 0.001, "clips at full scale");
    }

    @Test
    void anOverflowIsNeverAWindowAndCaptureRecovers() throws SensorException {
        plug();
        Mpu6050Reader r = reader(Map.of());
        r.readWindow();
        clock.advance(Duration.ofMillis(200));
        SensorException e = assertThrows(SensorException.class, r::readWindow);
        assertEquals(Fault.CORRUPT_DATA, e.fault());
        assertEquals("FIFO of MPU-6050 at 0x68 on i2c-1 overflowed: more than 170 samples (170 ms at 1000 Hz) "
                + "since the last read; samples lost, capture restarts at the next read", e.getMessage());
        clock.advance(Duration.ofMillis(500));
        assertEquals(0, r.readWindow().frames(), "a late retry restarts capture instead of overflowing again");
        Window w = after(r, 100);
        assertEquals(100, w.frames());
        for (int f = 0; f < w.frames(); f++) {
            assertEquals(1.0, w.sample(f, 2), 0.2, "frames aligned: z of frame " + f);
        }
    }

    @Test
    void aFullFifoCountsAsAnOverflow() throws SensorException {
        plug();
        Mpu6050Reader r = reader(Map.of());
        r.readWindow();
        clock.advance(Duration.ofMillis(171));
        assertEquals(Fault.CORRUPT_DATA, assertThrows(SensorException.class, r::readWindow).fault());
    }

    @Test
    void anotherChipIsTheWrongChip() {
        board.plug(1, 0x68, chipWithId(0x70));
        board.plug(1, 0x69, chipWithId(0x00));
        SensorException e = assertThrows(SensorException.class, reader(Map.of())::readWindow);
        assertEquals(Fault.WRONG_CHIP, e.fault());
        assertEquals("chip id 0x70 at 0x68 on i2c-1 is an MPU-6500, not an MPU-6050 (0x68)", e.getMessage());
        e = assertThrows(SensorException.class, reader(Map.of("i2c.address", "0x69"))::readWindow);
        assertEquals("chip id 0x00 at 0x69 on i2c-1 is not an MPU-6050 (0x68)", e.getMessage());
    }

    @Test
    void busErrorsAreTypedAndTheReaderRecovers() throws SensorException {
        SimDevice chip = plug();
        Mpu6050Reader r = reader(Map.of());
        r.readWindow();
        chip.fault(dev.wren.hardware.simulator.Fault.NACK);
        SensorException e = assertThrows(SensorException.class, () -> after(r, 50));
        assertEquals(Fault.BUS_ERROR, e.fault());
        assertTrue(e.getMessage().startsWith("no ACK from 0x68 on i2c-1"), e.getMessage());
        chip.fault(dev.wren.hardware.simulator.Fault.NONE);
        assertEquals(0, r.readWindow().frames(), "restarted: the old samples are gone");
        assertEquals(100, after(r, 100).frames());
    }

    @Test
    void aChipThatLostPowerIsRestarted() throws SensorException {
        SimDevice chip = plug();
        Mpu6050Reader r = reader(Map.of());
        r.readWindow();
        assertEquals(10, after(r, 10).frames());
        chip.chip().write(new byte[] {0x6B, (byte) 0x80}, 0, 2);
        SensorException e = assertThrows(SensorException.class, () -> after(r, 10));
        assertEquals(Fault.UNAVAILABLE, e.fault());
        assertTrue(e.getMessage().contains("was reset"), e.getMessage());
        r.readWindow();
        assertEquals(10, after(r, 10).frames());
    }

    @Test
    void aBurstOfManyFramesIsReadInChunks() throws SensorException {
        SimDevice chip = plug();
        Mpu6050Reader r = reader(Map.of());
        r.readWindow();
        long before = chip.transactions();
        assertEquals(153, after(r, 153).frames());
        long reads = chip.transactions() - before;
        assertEquals(2 * (2 + (int) Math.ceil(153 * 6.0 / Mpu6050Reader.CHUNK)), reads,
                "a pointer write and a read for INT_STATUS, FIFO_COUNT and each chunk");
    }

    private static RegisterChip chipWithId(int id) {
        RegisterChip chip = new RegisterChip() { };
        chip.write(new byte[] {0x75, (byte) id}, 0, 2);
        return chip;
    }

    static double mean(Window w, int channel) {
        double s = 0;
        for (int f = 0; f < w.frames(); f++) {
            s += w.sample(f, channel);
        }
        return s / w.frames();
    }

    static double peak(Window w, int channel) {
        double p = 0;
        for (int f = 0; f < w.frames(); f++) {
            p = Math.max(p, Math.abs(w.sample(f, channel)));
        }
        return p;
    }
}
