package dev.wren.inference.features;

import static dev.wren.inference.features.VibrationFeatures.BANDS;
import static dev.wren.inference.features.VibrationFeatures.COUNT;
import static dev.wren.inference.features.VibrationFeatures.CREST;
import static dev.wren.inference.features.VibrationFeatures.KURTOSIS;
import static dev.wren.inference.features.VibrationFeatures.PER_AXIS;
import static dev.wren.inference.features.VibrationFeatures.RMS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VibrationFeaturesTest {

    private static final int N = 1024;
    private static final double RATE = 1000;
    private final VibrationFeatures features = new VibrationFeatures(N, RATE);
    private final float[] out = new float[COUNT];

    /** x a sine, y silent, z gravity. */
    private static float[] sine(double hz, double amplitude) {
        float[] s = new float[N * 3];
        for (int n = 0; n < N; n++) {
            s[3 * n] = (float) (amplitude * Math.sin(2 * Math.PI * hz * n / RATE));
            s[3 * n + 2] = 1f;
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"30, 0", "20, 0", "60, 1", "90, 2", "170, 3", "400, 4"})
    void aSinePutsItsEnergyInItsBand(double hz, int band) {
        features.compute(sine(hz, 0.5), 0, out, 0);
        assertEquals(Math.log10(0.5 * 0.5 / 2), out[BANDS + band], 0.01, "x band " + band);
        for (int b = 0; b < 5; b++) {
            if (b != band) {
                assertTrue(out[BANDS + b] < out[BANDS + band] - 3, "x band " + b + " at least 1000 times less");
            }
        }
        assertEquals(0.5 / Math.sqrt(2), out[RMS], 0.005);
        assertEquals(Math.sqrt(2), out[CREST], 0.1, "samples miss the peak of a fast sine");
        assertEquals(1.5, out[KURTOSIS], 0.02);
    }

    @Test
    void aConstantAxisHasNoRmsCrestKurtosisOrEnergy() {
        features.compute(sine(30, 0.5), 0, out, 0);
        for (int a : new int[] {1, 2}) {
            assertEquals(0f, out[a * PER_AXIS + RMS], "rms of axis " + a);
            assertEquals(0f, out[a * PER_AXIS + CREST]);
            assertEquals(0f, out[a * PER_AXIS + KURTOSIS]);
            for (int b = 0; b < 5; b++) {
                assertEquals(-9f, out[a * PER_AXIS + BANDS + b]);
            }
        }
    }

    @Test
    void impulsesRaiseKurtosisAndCrestFactor() {
        float[] noise = noise(1, 0.01);
        features.compute(noise, 0, out, 0);
        assertEquals(3.0, out[2 * PER_AXIS + KURTOSIS], 0.4, "Gaussian");
        float crest = out[2 * PER_AXIS + CREST];
        for (int n = 0; n < N; n += 100) {
            noise[3 * n + 2] += 0.2f;
        }
        features.compute(noise, 0, out, 0);
        assertTrue(out[2 * PER_AXIS + KURTOSIS] > 10, "kurtosis " + out[2 * PER_AXIS + KURTOSIS]);
        assertTrue(out[2 * PER_AXIS + CREST] > crest + 1, "crest " + out[2 * PER_AXIS + CREST]);
    }

    @Test
    void theBandsSumToTheVarianceOfWhiteNoise() {
        features.compute(noise(2, 0.05), 0, out, 0);
        double sum = 0;
        for (int b = 0; b < 5; b++) {
            sum += Math.pow(10, out[BANDS + b]) - VibrationFeatures.FLOOR;
        }
        double m2 = out[RMS] * out[RMS];
        assertEquals(495.0 / 500 * m2, sum, 0.08 * m2, "everything but 0..5 Hz");
    }

    @ParameterizedTest
    @CsvSource({"256, 1000", "512, 400", "256, 3000"})
    void theFftMatchesTheDefinition(int frames, double rate) {
        VibrationFeatures f = new VibrationFeatures(frames, rate);
        float[] s = new float[frames * 3];
        Random r = new Random(frames);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (r.nextGaussian() * 0.1 + Math.sin(i * 0.37) * 0.3 + (i % 3 == 2 ? 1 : 0));
        }
        float[] o = new float[COUNT];
        f.compute(s, 0, o, 0);
        for (int a = 0; a < 3; a++) {
            double[] e = bandsByDefinition(s, a, frames, rate);
            for (int b = 0; b < 5; b++) {
                assertEquals(Math.log10(VibrationFeatures.FLOOR + e[b]), o[a * PER_AXIS + BANDS + b], 1e-5,
                        "axis " + a + " band " + b);
            }
        }
    }

    /** The contract's formula, term by term, in O(N^2). */
    private static double[] bandsByDefinition(float[] s, int axis, int n, double rate) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += s[3 * i + axis];
        }
        mean /= n;
        double[] edges = {5, 45, 75, 110, 250, Double.POSITIVE_INFINITY};
        double[] e = new double[5];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double x = (s[3 * i + axis] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
                re += x * Math.cos(2 * Math.PI * k * i / n);
                im -= x * Math.sin(2 * Math.PI * k * i / n);
            }
            double p = (k == 0 || k == n / 2 ? 1 : 2) * (re * re + im * im) / (n * 3.0 * n / 8);
            double f = k * rate / n;
            for (int b = 0; b < 5; b++) {
                if (f >= edges[b] && f < edges[b + 1]) {
                    e[b] += p;
                }
            }
        }
        return e;
    }

    @Test
    void offsetsPlaceTheWindowAndTheFeatures() {
        float[] s = noise(3, 0.02);
        features.compute(s, 0, out, 0);
        float[] shifted = new float[s.length + 7];
        System.arraycopy(s, 0, shifted, 7, s.length);
        float[] out2 = new float[COUNT + 5];
        features.compute(shifted, 7, out2, 5);
        assertArrayEquals(out, Arrays.copyOfRange(out2, 5, 5 + COUNT));
        assertThrows(IndexOutOfBoundsException.class, () -> features.compute(s, 1, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> features.compute(s, 0, out, 1));
    }

    @Test
    void aNonFiniteSampleIsRefusedAndTheOutputUntouched() {
        Arrays.fill(out, 42f);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] s = noise(4, 0.01);
            s[3 * 500 + 1] = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> features.compute(s, 0, out, 0));
            assertTrue(e.getMessage().contains("frame 500, axis y"), e.getMessage());
        }
        float[] untouched = new float[COUNT];
        Arrays.fill(untouched, 42f);
        assertArrayEquals(untouched, out);
    }

    @Test
    void theConstructorNamesTheArgumentItRefuses() {
        for (int frames : new int[] {128, 1000, 8192, 0, -1024}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new VibrationFeatures(frames, 1000))
                    .getMessage().startsWith("frames"));
        }
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new VibrationFeatures(1024, rate))
                    .getMessage().startsWith("rateHz"));
        }
        assertEquals(4096, new VibrationFeatures(4096, 8000).frames());
    }

    @Test
    void computeAllocatesNothingAndIsFast() {
        float[] s = noise(5, 0.02);
        for (int i = 0; i < 20_000; i++) {
            features.compute(s, 0, out, 0);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long idle = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        int calls = 5_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            features.compute(s, 0, out, 0);
        }
        long nanos = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - idle;
        assertEquals(0, allocated, "bytes allocated by " + calls + " calls");
        double micros = nanos / 1e3 / calls;
        System.out.printf("VibrationFeatures(1024, 1000 Hz): %.1f us per call%n", micros);
        assertTrue(micros < 1000, "a call took " + micros + " us");
    }

    private static float[] noise(long seed, double sigma) {
        Random r = new Random(seed);
        float[] s = new float[N * 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (r.nextGaussian() * sigma + (i % 3 == 2 ? 1 : 0));
        }
        return s;
    }
}
