package dev.wren.models.builder;

import java.util.Random;

/**
 * Trains an {@link Mlp} in plain Java: He-initialised weights, mini-batch Adam on the
 * cross-entropy of the role's output (binary for the trigger), a learning rate falling linearly to
 * a tenth, L2 weight decay. Deterministic: all randomness (initialisation, shuffling) comes from
 * the given {@code Random}, and the arithmetic is Java's strict IEEE doubles.
 */
final class Trainer {

    private static final int BATCH = 32;
    private static final double RATE = 0.003;
    private static final double DECAY = 1e-4;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Role role;
    private final int[] layers;
    private final int depth;
    private final double[][] w;
    private final double[][] b;
    private final double[][] gw;
    private final double[][] gb;
    private final double[][][] moments;
    private long steps;

    private Trainer(Role role, Random random) {
        this.role = role;
        layers = role.layers();
        depth = layers.length - 1;
        w = new double[depth][];
        b = new double[depth][];
        gw = new double[depth][];
        gb = new double[depth][];
        moments = new double[4][depth][];
        for (int l = 0; l < depth; l++) {
            int size = layers[l] * layers[l + 1];
            w[l] = new double[size];
            double scale = Math.sqrt(2.0 / layers[l]);
            for (int i = 0; i < size; i++) {
                w[l][i] = random.nextGaussian() * scale;
            }
            b[l] = new double[layers[l + 1]];
            gw[l] = new double[size];
            gb[l] = new double[layers[l + 1]];
            moments[0][l] = new double[size];
            moments[1][l] = new double[size];
            moments[2][l] = new double[layers[l + 1]];
            moments[3][l] = new double[layers[l + 1]];
        }
    }

    /** @return the network fitted to the normalised {@code data} over {@code epochs} passes */
    static Mlp train(Role role, Dataset data, int epochs, Random random) {
        Trainer t = new Trainer(role, random);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            double rate = RATE * (1 - 0.9 * epoch / (double) epochs);
            for (int from = 0; from < order.length; from += BATCH) {
                int to = Math.min(order.length, from + BATCH);
                for (int i = from; i < to; i++) {
                    t.accumulate(data.features()[order[i]], role.target(data.labels()[order[i]]));
                }
                t.step(rate, to - from);
            }
        }
        return t.snapshot();
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** Adds the gradient of one example's loss. */
    private void accumulate(float[] input, int target) {
        double[][] a = new double[depth + 1][];
        a[0] = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            a[0][i] = input[i];
        }
        for (int l = 0; l < depth; l++) {
            double[] z = new double[layers[l + 1]];
            for (int o = 0; o < z.length; o++) {
                double s = b[l][o];
                for (int i = 0, at = o * layers[l]; i < layers[l]; i++) {
                    s += w[l][at + i] * a[l][i];
                }
                z[o] = l < depth - 1 ? Math.max(0, s) : s;
            }
            a[l + 1] = z;
        }
        double[] delta = Mlp.output(role, a[depth]);
        if (role == Role.TRIGGER) {
            delta[0] -= target;
        } else {
            delta[target] -= 1;
        }
        for (int l = depth - 1; l >= 0; l--) {
            double[] previous = new double[layers[l]];
            for (int o = 0; o < delta.length; o++) {
                gb[l][o] += delta[o];
                for (int i = 0, at = o * layers[l]; i < layers[l]; i++) {
                    gw[l][at + i] += delta[o] * a[l][i];
                    previous[i] += delta[o] * w[l][at + i];
                }
            }
            for (int i = 0; i < previous.length; i++) {
                if (a[l][i] <= 0) {
                    previous[i] = 0;
                }
            }
            delta = previous;
        }
    }

    private void step(double rate, int batch) {
        steps++;
        double c1 = 1 - StrictMath.pow(BETA1, steps);
        double c2 = 1 - StrictMath.pow(BETA2, steps);
        for (int l = 0; l < depth; l++) {
            adam(w[l], gw[l], moments[0][l], moments[1][l], rate, batch, c1, c2, DECAY);
            adam(b[l], gb[l], moments[2][l], moments[3][l], rate, batch, c1, c2, 0);
        }
    }

    private static void adam(double[] p, double[] g, double[] m, double[] v, double rate, int batch, double c1,
            double c2, double decay) {
        for (int i = 0; i < p.length; i++) {
            double grad = g[i] / batch + decay * p[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
            v[i] = BETA2 * v[i] + (1 - BETA2) * grad * grad;
            p[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            g[i] = 0;
        }
    }

    private Mlp snapshot() {
        float[][] fw = new float[depth][];
        float[][] fb = new float[depth][];
        for (int l = 0; l < depth; l++) {
            fw[l] = toFloat(w[l]);
            fb[l] = toFloat(b[l]);
        }
        return new Mlp(role, layers, fw, fb);
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
