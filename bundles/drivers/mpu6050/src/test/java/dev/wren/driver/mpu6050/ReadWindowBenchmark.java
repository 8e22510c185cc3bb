package dev.wren.driver.mpu6050;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.Vibration;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;
import dev.wren.sensor.Window;

/**
 * Time and heap allocation per {@link Mpu6050Reader#readWindow()} of 100 frames through Pi4J and
 * the simulated chip, on the calling thread. A measurement to run by hand, not a test:
 * {@code java -cp <test class path> dev.wren.driver.mpu6050.ReadWindowBenchmark [windows]}.
 */
public final class ReadWindowBenchmark {

    private ReadWindowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ManualClock clock = new ManualClock();
        SimBoard board = new SimBoard(clock, 1);
        board.plug(1, 0x68, new Mpu6050Chip(clock, new Vibration(1).condition(Vibration.Condition.BEARING_FAULT),
                board.environment()));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (SimContext bus = new SimContext(board)) {
            Mpu6050.Settings s = Configs.settings(Map.of());
            Mpu6050Reader reader = new Mpu6050Reader(bus.open(s.bus(), s.address()), s);
            reader.readWindow();
            for (int round = 0; round < 3; round++) {
                long frames = 0;
                long bytes = threads.getThreadAllocatedBytes(thread);
                long nanos = 0;
                for (int i = 0; i < windows; i++) {
                    clock.advance(Duration.ofMillis(100));
                    long t0 = System.nanoTime();
                    Window w = reader.readWindow();
                    nanos += System.nanoTime() - t0;
                    frames += w.frames();
                }
                bytes = threads.getThreadAllocatedBytes(thread) - bytes;
                System.out.printf(Locale.ROOT, "round %d: %d windows, %.1f frames each, %.1f us and %d bytes allocated "
                        + "per window (the handed-over float[] is %d bytes)%n", round, windows, (double) frames / windows,
                        nanos / 1e3 / windows, bytes / windows, 16 + 4 * 300);
            }
        }
    }
}
