package dev.wren.driver.bme280;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import com.pi4j.io.i2c.I2C;

import dev.wren.hardware.I2CRegisters;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Bme280Chip;

/**
 * One forced BME280 measurement end to end through the driver's reader, Pi4J and the simulated
 * chip, timed three ways per read: waiting for the conversion (the driver's sleeps), the provider
 * (every Pi4J I2C call, including the simulated chip's work, timed by a proxy around the device)
 * and Wren (the rest: register protocol, compensation, readings).
 * Run: {@code mvn -q -o -f bundles/drivers/bme280/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.wren.driver.bme280.Bme280ReadBenchmark -Dreads=2000}
 */
public final class Bme280ReadBenchmark {

    private static long providerNanos;
    private static long sleepNanos;

    public static void main(String[] args) throws Exception {
        int reads = Integer.getInteger("reads", 2000);
        SimBoard board = new SimBoard(SimClock.system(), 1);
        board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        try (SimContext bus = new SimContext(board)) {
            I2C real = bus.open(1, 0x76).device();
            I2C timed = (I2C) Proxy.newProxyInstance(I2C.class.getClassLoader(), new Class<?>[] {I2C.class}, (p, m, a) -> {
                long t0 = System.nanoTime();
                try {
                    return m.invoke(real, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    providerNanos += System.nanoTime() - t0;
                }
            });
            Bme280Reader reader = new Bme280Reader(new I2CRegisters(timed), Bme280.Settings.of(Bme280ReaderTest.config(Map.of())),
                    ms -> {
                        long t0 = System.nanoTime();
                        Thread.sleep(ms);
                        sleepNanos += System.nanoTime() - t0;
                    });
            for (int i = 0; i < 200; i++) {
                reader.read();
            }
            long[] total = new long[reads];
            long[] provider = new long[reads];
            long[] waiting = new long[reads];
            long[] wren = new long[reads];
            for (int i = 0; i < reads; i++) {
                providerNanos = 0;
                sleepNanos = 0;
                long t0 = System.nanoTime();
                reader.read();
                total[i] = System.nanoTime() - t0;
                provider[i] = providerNanos;
                waiting[i] = sleepNanos;
                wren[i] = total[i] - providerNanos - sleepNanos;
            }
            System.out.printf(Locale.ROOT, "%d forced reads (T, P, H at 1x oversampling; datasheet maximum measurement time %.3f ms), %s%n%n",
                    reads, Bme280.Settings.of(Bme280ReaderTest.config(Map.of())).maxMeasurementMillis(), System.getProperty("java.version"));
            System.out.println("| per read | median | p99 |");
            System.out.println("|---|---|---|");
            row("end to end", total);
            row("waiting for the conversion (sleeps)", waiting);
            row("provider: Pi4J I2C calls and the simulated chip", provider);
            row("Wren: driver protocol, compensation, readings", wren);
            long busy = median(provider) + median(wren);
            System.out.printf(Locale.ROOT, "%nOf the time not spent waiting (medians): Wren %.0f %%, provider %.0f %%%n",
                    100.0 * median(wren) / busy, 100.0 * median(provider) / busy);
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void row(String name, long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", name, time(s[s.length / 2]), time(s[(int) (s.length * 0.99)]));
    }

    private static String time(long nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6) : String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    private Bme280ReadBenchmark() {
    }
}
