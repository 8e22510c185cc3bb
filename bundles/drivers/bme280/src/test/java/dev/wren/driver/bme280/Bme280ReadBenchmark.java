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
 * chip, against the same reader waiting with {@code Thread.sleep} (whole milliseconds, as drivers
 * commonly do), alternating in one run. Each read is split three ways: waiting for the conversion (the driver's sleeps), the provider
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
            Bme280.Settings settings = Bme280.Settings.of(Bme280ReaderTest.config(Map.of()));
            Bme280Reader.Sleeper parked = Bme280Reader.Sleeper::park;
            // the baseline: waiting with Thread.sleep, which rounds every wait up to whole milliseconds
            Bme280Reader.Sleeper slept = nanos -> Thread.sleep((nanos + 999_999) / 1_000_000);
            Bme280Reader wren = new Bme280Reader(new I2CRegisters(timed), settings, timing(parked));
            Bme280Reader baseline = new Bme280Reader(new I2CRegisters(timed), settings, timing(slept));
            for (int i = 0; i < 200; i++) {
                wren.read();
                baseline.read();
            }
            long[][] w = new long[4][reads];
            long[][] base = new long[4][reads];
            for (int i = 0; i < reads; i++) {
                once(wren, w, i);
                once(baseline, base, i);
            }
            System.out.printf(Locale.ROOT, "%d forced reads each, alternating (T, P, H at 1x oversampling; datasheet measurement time "
                    + "typical %.1f ms, maximum %.3f ms), java %s%n%n", reads, settings.typicalMeasurementMillis(),
                    settings.maxMeasurementMillis(), System.getProperty("java.version"));
            System.out.println("| per read | Wren: park until typical, poll every 250 us (median / p99) | baseline: Thread.sleep, 1 ms polls (median / p99) |");
            System.out.println("|---|---|---|");
            String[] names = {"end to end", "waiting for the conversion", "provider: Pi4J I2C calls and the simulated chip",
                "Wren: driver protocol, compensation, readings"};
            for (int k = 0; k < 4; k++) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", names[k], stats(w[k]), stats(base[k]));
            }
            long busy = median(w[2]) + median(w[3]);
            System.out.printf(Locale.ROOT, "%nOf the time not spent waiting (medians): Wren %.0f %%, provider %.0f %%; "
                    + "end to end Wren / baseline %.2f%n", 100.0 * median(w[3]) / busy, 100.0 * median(w[2]) / busy,
                    (double) median(w[0]) / median(base[0]));
        }
    }

    private static Bme280Reader.Sleeper timing(Bme280Reader.Sleeper s) {
        return nanos -> {
            long t0 = System.nanoTime();
            s.sleep(nanos);
            sleepNanos += System.nanoTime() - t0;
        };
    }

    private static void once(Bme280Reader r, long[][] out, int i) throws Exception {
        providerNanos = 0;
        sleepNanos = 0;
        long t0 = System.nanoTime();
        r.read();
        out[0][i] = System.nanoTime() - t0;
        out[1][i] = sleepNanos;
        out[2][i] = providerNanos;
        out[3][i] = out[0][i] - providerNanos - sleepNanos;
    }

    private static String stats(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return time(s[s.length / 2]) + " / " + time(s[(int) (s.length * 0.99)]);
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String time(long nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6) : String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    private Bme280ReadBenchmark() {
    }
}
