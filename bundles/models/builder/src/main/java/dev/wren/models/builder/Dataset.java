package dev.wren.models.builder;

import java.util.Arrays;
import java.util.Random;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.hardware.simulator.Vibration.Condition;
import dev.wren.inference.features.VibrationFeatures;

/**
 * Labelled windows of simulated machine vibration, as raw {@link VibrationFeatures}.
 *
 * @param features one row of {@link VibrationFeatures#COUNT} per window
 * @param labels   the window's condition, as the ordinal of {@link Condition}
 */
record Dataset(float[][] features, int[] labels) {

    static final int FRAMES = 1024;
    static final double RATE_HZ = 1000;

    int size() {
        return labels.length;
    }

    /**
     * Draws {@code windows} windows from the seed alone: for each, a condition (uniform), a fault
     * severity of 0.3 to 2, a shaft speed of 20 to 40 Hz, noise of 0.005 to 0.03 g, a start time in
     * the first hour and a seed for the machine's noise.
     */
    static Dataset generate(long seed, int windows) {
        Random random = new Random(seed);
        VibrationFeatures features = new VibrationFeatures(FRAMES, RATE_HZ);
        float[] samples = new float[FRAMES * 3];
        double[] accel = new double[3];
        float[][] x = new float[windows][VibrationFeatures.COUNT];
        int[] y = new int[windows];
        for (int i = 0; i < windows; i++) {
            Condition condition = Condition.values()[random.nextInt(Condition.values().length)];
            Vibration machine = new Vibration(random.nextLong())
                    .condition(condition)
                    .severity(0.3 + 1.7 * random.nextDouble())
                    .shaftHz(20 + 20 * random.nextDouble())
                    .noiseG(0.005 + 0.025 * random.nextDouble());
            double start = 3600 * random.nextDouble();
            for (int n = 0; n < FRAMES; n++) {
                machine.accel(start + n / RATE_HZ, accel);
                for (int a = 0; a < 3; a++) {
                    samples[3 * n + a] = (float) accel[a];
                }
            }
            features.compute(samples, 0, x[i], 0);
            y[i] = condition.ordinal();
        }
        return new Dataset(x, y);
    }

    /** @return rows {@code from} (inclusive) to {@code to} (exclusive) */
    /** @return the same windows with their labels permuted at random: features and labels no longer belong together */
    Dataset shuffledLabels(java.util.Random random) {
        int[] l = labels.clone();
        for (int i = l.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = l[i];
            l[i] = l[j];
            l[j] = t;
        }
        return new Dataset(features, l);
    }

    Dataset slice(int from, int to) {
        return new Dataset(Arrays.copyOfRange(features, from, to), Arrays.copyOfRange(labels, from, to));
    }

    /** @return the same windows with {@code normalisation} applied */
    Dataset normalised(Normalisation normalisation) {
        float[][] x = new float[size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = normalisation.apply(features[i]);
        }
        return new Dataset(x, labels);
    }
}
