package dev.wren.hardware.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.Vibration.Condition;

class VibrationTest {

    private static final double RATE = 1000;
    private static final int N = 2000;

    @Test
    void samplesDependOnlyOnSeedAndTime() {
        Vibration a = new Vibration(7).condition(Condition.BEARING_FAULT);
        Vibration b = new Vibration(7).condition(Condition.BEARING_FAULT);
        double[] later = new double[3];
        b.accel(0.5, later);
        double[] first = new double[3];
        double[] again = new double[3];
        a.accel(0.123, first);
        b.accel(0.123, again);
        assertArrayEquals(first, again);
        double[] other = new double[3];
        new Vibration(8).condition(Condition.BEARING_FAULT).accel(0.123, other);
        assertNotEquals(first[0], other[0]);
    }

    @Test
    void gravityOnZAndNoiseAsSet() {
        double[][] s = capture(new Vibration(1).noiseG(0.05));
        assertEquals(0.0, mean(s[0]), 0.01);
        assertEquals(0.0, mean(s[1]), 0.01);
        assertEquals(1.0, mean(s[2]), 0.01);
        double residual = 0.02 * 0.02 / 2 + 0.005 * 0.005 / 2;
        assertEquals(Math.sqrt(0.05 * 0.05 + residual), rms(s[0]), 0.004);
    }

    @Test
    void imbalancePeaksAtShaftSpeedRadially() {
        double[][] s = capture(new Vibration(2).condition(Condition.IMBALANCE));
        assertEquals(29.5, peakHz(s[0]), 0.5);
        assertEquals(29.5, peakHz(s[2]), 0.5);
        assertTrue(rms(s[0]) > 5 * rms(s[1]), "radial dominates axial");
    }

    @Test
    void misalignmentPeaksAtTwiceShaftSpeedWithAxialMotion() {
        Vibration v = new Vibration(3).condition(Condition.MISALIGNMENT).shaftHz(25);
        double[][] s = capture(v);
        assertEquals(50, peakHz(s[0]), 0.5);
        assertTrue(amplitude(s[0], 75) > 0.05, "3x present");
        double[][] normal = capture(new Vibration(3).shaftHz(25));
        assertTrue(rms(s[1]) > 10 * rms(normal[1]), "axial " + rms(s[1]) + " vs " + rms(normal[1]));
    }

    @Test
    void bearingFaultIsImpulsiveAndRaisesBroadband() {
        double[][] normal = capture(new Vibration(4));
        double[][] bearing = capture(new Vibration(4).condition(Condition.BEARING_FAULT));
        assertTrue(kurtosis(normal[2]) < 3.5, "normal kurtosis " + kurtosis(normal[2]));
        assertTrue(kurtosis(bearing[2]) > 4.5, "bearing kurtosis " + kurtosis(bearing[2]));
        double ringing = band(bearing[2], 120, 250);
        assertTrue(ringing > 20 * band(normal[2], 120, 250), "resonance band " + ringing);
        double bpfo = Vibration.BPFO_ORDER * 29.5;
        assertTrue(band(bearing[2], bpfo - 2, bpfo + 2) > 3 * band(bearing[2], bpfo + 5, bpfo + 9), "BPFO line");
    }

    @Test
    void severityScalesTheSignature() {
        double mild = rms(capture(new Vibration(5).condition(Condition.IMBALANCE).severity(0.5).noiseG(0))[0]);
        double bad = rms(capture(new Vibration(5).condition(Condition.IMBALANCE).severity(2).noiseG(0))[0]);
        assertEquals((0.02 + 0.30 * 2) / (0.02 + 0.30 * 0.5), bad / mild, 0.02, "residual 1x plus severity x 0.3 g");
    }

    @Test
    void refusesImpossibleSettings() {
        Vibration v = new Vibration(0);
        assertThrows(IllegalArgumentException.class, () -> v.shaftHz(0));
        assertThrows(IllegalArgumentException.class, () -> v.noiseG(-1));
        assertThrows(IllegalArgumentException.class, () -> v.severity(Double.NaN));
        assertThrows(NullPointerException.class, () -> v.condition(null));
    }

    @Test
    void gyroRocksUnderImbalance() {
        Vibration v = new Vibration(6);
        double[] g = new double[3];
        double quiet = 0;
        for (int i = 0; i < N; i++) {
            v.gyro(i / RATE, g);
            quiet += g[0] * g[0];
        }
        v.condition(Condition.IMBALANCE);
        double rocking = 0;
        for (int i = 0; i < N; i++) {
            v.gyro(i / RATE, g);
            rocking += g[0] * g[0];
        }
        assertTrue(rocking > 50 * quiet);
    }

    static double[][] capture(Vibration v) {
        double[][] s = new double[3][N];
        double[] out = new double[3];
        for (int i = 0; i < N; i++) {
            v.accel(i / RATE, out);
            for (int a = 0; a < 3; a++) {
                s[a][i] = out[a];
            }
        }
        return s;
    }

    /** @return the frequency of the largest DFT bin, DC excluded */
    static double peakHz(double[] x) {
        int best = 1;
        double bestMag = 0;
        for (int k = 1; k < x.length / 2; k++) {
            double m = magnitude(x, k);
            if (m > bestMag) {
                bestMag = m;
                best = k;
            }
        }
        return best * RATE / x.length;
    }

    /** @return the amplitude (g) of the DFT bin nearest {@code hz} */
    static double amplitude(double[] x, double hz) {
        return 2 * magnitude(x, (int) Math.round(hz * x.length / RATE)) / x.length;
    }

    /** @return the energy of the DFT bins from {@code fromHz} to {@code toHz} */
    static double band(double[] x, double fromHz, double toHz) {
        double e = 0;
        for (int k = (int) Math.ceil(fromHz * x.length / RATE); k <= toHz * x.length / RATE; k++) {
            double m = magnitude(x, k);
            e += m * m;
        }
        return e;
    }

    private static double magnitude(double[] x, int k) {
        double m = mean(x);
        double re = 0;
        double im = 0;
        for (int i = 0; i < x.length; i++) {
            double a = 2 * Math.PI * k * i / x.length;
            re += (x[i] - m) * Math.cos(a);
            im -= (x[i] - m) * Math.sin(a);
        }
        return Math.hypot(re, im);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double rms(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }

    static double kurtosis(double[] x) {
        double m = mean(x);
        double s2 = 0;
        double s4 = 0;
        for (double v : x) {
            double d = (v - m) * (v - m);
            s2 += d;
            s4 += d * d;
        }
        s2 /= x.length;
        return s4 / x.length / (s2 * s2);
    }
}
