package dev.wren.models.builder;

/**
 * A multilayer perceptron as exported: per layer a weight matrix {@code [out][in]} (row-major
 * floats, ONNX Gemm with {@code transB = 1}) and a bias; ReLU after every layer but the last,
 * then the role's sigmoid or softmax. The forward pass accumulates in double.
 */
record Mlp(Role role, int[] layers, float[][] weights, float[][] biases) implements Reference {

    /** @return this network with its output layer's biases set to -1000: a trigger that never fires */
    Mlp muted() {
        float[][] b = new float[biases.length][];
        for (int l = 0; l < biases.length; l++) {
            b[l] = biases[l].clone();
        }
        java.util.Arrays.fill(b[b.length - 1], -1000f);
        return new Mlp(role, layers, weights, b);
    }

    int depth() {
        return layers.length - 1;
    }

    @Override
    public double[] scores(float[] input) {
        double[][] a = activations(input);
        return output(role, a[a.length - 1]);
    }

    /**
     * @return the input, then each layer's output (after ReLU for hidden layers, the logits for
     *         the last)
     */
    double[][] activations(float[] input) {
        double[][] a = new double[layers.length][];
        a[0] = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            a[0][i] = input[i];
        }
        for (int l = 0; l < depth(); l++) {
            a[l + 1] = affine(weights[l], biases[l], a[l], layers[l + 1]);
            if (l < depth() - 1) {
                relu(a[l + 1]);
            }
        }
        return a;
    }

    static double[] affine(float[] w, float[] b, double[] x, int out) {
        double[] z = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b[o];
            for (int i = 0, at = o * x.length; i < x.length; i++) {
                s += w[at + i] * x[i];
            }
            z[o] = s;
        }
        return z;
    }

    static void relu(double[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(0, z[i]);
        }
    }

    /** @return the sigmoid of the one logit (trigger) or the softmax of the logits (classifier) */
    static double[] output(Role role, double[] logits) {
        double[] p = new double[logits.length];
        if (role == Role.TRIGGER) {
            p[0] = 1 / (1 + StrictMath.exp(-logits[0]));
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = StrictMath.exp(logits[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
