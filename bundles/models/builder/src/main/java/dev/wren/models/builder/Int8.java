package dev.wren.models.builder;

/**
 * The INT8 QDQ form of an {@link Mlp}, and its reference forward pass, which simulates what an
 * ONNX runtime computes for the graph {@link Onnx#int8} writes.
 *
 * <ul>
 * <li>Weights: per tensor, symmetric int8 ({@code scale = max|w| / 127}, zero point 0, values
 * -127..127), through DequantizeLinear.</li>
 * <li>Biases: int32 with scale {@code inputScale * weightScale} (float product), zero point 0,
 * through DequantizeLinear.</li>
 * <li>Activations: the input, and each hidden layer after its ReLU, through QuantizeLinear and
 * DequantizeLinear, int8 with scales from the range seen on the training data: asymmetric
 * {@code [min(lo, 0), max(hi, 0)]} over 255 steps. The last layer's logits and the
 * sigmoid/softmax stay in float.</li>
 * </ul>
 * Quantisation rounds half to even and saturates, as ONNX specifies; scales are float32.
 *
 * @param input       quantisation of the input
 * @param hidden      quantisation of each hidden layer's output, after ReLU
 * @param weightScale per layer
 * @param weights     per layer, {@code [out][in]} row-major
 * @param biases      per layer, int32
 */
record Int8(Mlp net, Quant input, Quant[] hidden, float[] weightScale, byte[][] weights, int[][] biases)
        implements Reference {

    /** One per-tensor affine quantisation to int8. */
    record Quant(float scale, int zeroPoint) {

        /** @return the int8 range over {@code [min(lo, 0), max(hi, 0)]} */
        static Quant range(double lo, double hi) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
            float scale = (float) ((hi - lo) / 255);
            long zero = Math.round(-128 - lo / scale);
            return new Quant(scale, (int) Math.max(-128, Math.min(127, zero)));
        }

        int quantise(float x) {
            return (int) Math.max(-128, Math.min(127, Math.rint(x / scale) + zeroPoint));
        }

        float dequantise(int q) {
            return (q - zeroPoint) * scale;
        }

        float roundTrip(double x) {
            return dequantise(quantise((float) x));
        }
    }

    /** @return the quantised network, its activation ranges calibrated on {@code normalisedTrain} */
    static Int8 calibrate(Mlp net, Dataset normalisedTrain) {
        int depth = net.depth();
        double[] lo = new double[depth];
        double[] hi = new double[depth];
        for (float[] x : normalisedTrain.features()) {
            double[][] a = net.activations(x);
            for (int l = 0; l < depth; l++) {
                for (double v : a[l]) {
                    lo[l] = Math.min(lo[l], v);
                    hi[l] = Math.max(hi[l], v);
                }
            }
        }
        Quant input = Quant.range(lo[0], hi[0]);
        Quant[] hidden = new Quant[depth - 1];
        for (int l = 1; l < depth; l++) {
            hidden[l - 1] = Quant.range(lo[l], hi[l]);
        }
        float[] weightScale = new float[depth];
        byte[][] weights = new byte[depth][];
        int[][] biases = new int[depth][];
        for (int l = 0; l < depth; l++) {
            float max = 0;
            for (float w : net.weights()[l]) {
                max = Math.max(max, Math.abs(w));
            }
            weightScale[l] = max / 127;
            weights[l] = new byte[net.weights()[l].length];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (byte) Math.max(-127, Math.min(127, Math.rint(net.weights()[l][i] / weightScale[l])));
            }
            float biasScale = (l == 0 ? input : hidden[l - 1]).scale() * weightScale[l];
            biases[l] = new int[net.biases()[l].length];
            for (int i = 0; i < biases[l].length; i++) {
                biases[l][i] = (int) Math.rint(net.biases()[l][i] / (double) biasScale);
            }
        }
        return new Int8(net, input, hidden, weightScale, weights, biases);
    }

    /** @return the scale of layer {@code l}'s int32 bias: its input's scale times its weights' */
    float biasScale(int l) {
        return (l == 0 ? input : hidden[l - 1]).scale() * weightScale[l];
    }

    @Override
    public double[] scores(float[] in) {
        int[] layers = net.layers();
        double[] x = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            x[i] = input.roundTrip(in[i]);
        }
        for (int l = 0; l < net.depth(); l++) {
            float[] w = new float[weights[l].length];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights[l][i] * weightScale[l];
            }
            float[] b = new float[biases[l].length];
            for (int i = 0; i < b.length; i++) {
                b[i] = biases[l][i] * biasScale(l);
            }
            double[] z = Mlp.affine(w, b, x, layers[l + 1]);
            if (l == net.depth() - 1) {
                return Mlp.output(net.role(), z);
            }
            for (int i = 0; i < z.length; i++) {
                z[i] = hidden[l].roundTrip((float) Math.max(0, z[i]));
            }
            x = z;
        }
        throw new AssertionError("no layers");
    }
}
