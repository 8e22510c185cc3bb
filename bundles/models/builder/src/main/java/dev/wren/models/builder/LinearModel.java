package dev.wren.models.builder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the content of a Wren model bundle ({@code wren-model/}: {@code model.onnx},
 * {@code model.json}, {@code vectors.json}) for a linear model designed or fitted elsewhere: one
 * ONNX {@code Gemm} then a sigmoid (a trigger: one output, how unusual the input is) or a softmax
 * (a classifier: one score per label). The descriptor carries the model's SHA-256, the
 * normalisation, what it consumes and test vectors computed by the same forward pass in Java, so
 * the gateway checks the file it runs against them. Third parties call it from their build; see
 * docs/extending.md.
 *
 * <pre>
 * LinearModel.trigger("condensation-risk", "1.0.0")
 *     .features("summary-v1", Map.of("sensors", "(sensor.kind=sht31)", "quantities", List.of("temperature", "humidity"), "window.s", 10))
 *     .normalisation(mean, std).weights(w, b).threshold(0.5).vector(rawInput).write(dir);
 * </pre>
 */
public final class LinearModel {

    private final String name;
    private final String version;
    private final Role role;
    private final List<String> labels;
    private String features;
    private Map<String, Object> consumes;
    private float[] mean;
    private float[] std;
    private float[][] weights;
    private float[] bias;
    private double threshold = 0.5;
    private final Map<String, Object> severity = new LinkedHashMap<>();
    private final List<float[]> vectors = new ArrayList<>();

    private LinearModel(String name, String version, Role role, List<String> labels) {
        this.name = name;
        this.version = version;
        this.role = role;
        this.labels = List.copyOf(labels);
    }

    /** A trigger: one output through a sigmoid, fired at or above {@link #threshold}. */
    public static LinearModel trigger(String name, String version) {
        return new LinearModel(name, version, Role.TRIGGER, List.of());
    }

    /** A classifier: one output per label through a softmax; {@link #threshold} is its min.score. */
    public static LinearModel classifier(String name, String version, List<String> labels) {
        return new LinearModel(name, version, Role.CLASSIFIER, labels);
    }

    /** @param consumes the descriptor's {@code consumes} object (sensors, quantities, window.s, min.readings) */
    public LinearModel features(String featureSet, Map<String, Object> consumes) {
        this.features = featureSet;
        this.consumes = new java.util.TreeMap<>(consumes);
        return this;
    }

    /** The model sees {@code (raw - mean) / std} per input. */
    public LinearModel normalisation(float[] mean, float[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
        return this;
    }

    /** @param weights one row per output, one column per input; @param bias one per output */
    public LinearModel weights(float[][] weights, float[] bias) {
        this.weights = weights;
        this.bias = bias.clone();
        return this;
    }

    public LinearModel threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    /** A classifier label's severity: 0 normal to 3 critical. */
    public LinearModel severity(String label, int level) {
        severity.put(label, level);
        return this;
    }

    /** A raw input (before normalisation) to ship as a test vector, with the output computed here. */
    public LinearModel vector(float[] raw) {
        vectors.add(raw.clone());
        return this;
    }

    /** Writes the three files into {@code dir}, creating it if needed. */
    public void write(Path dir) throws IOException {
        int in = mean.length;
        int out = bias.length;
        float[] flat = new float[out * in];
        for (int o = 0; o < out; o++) {
            if (weights[o].length != in) {
                throw new IllegalArgumentException("weights: row " + o + " has " + weights[o].length + " values, " + in
                        + " inputs");
            }
            System.arraycopy(weights[o], 0, flat, o * in, in);
        }
        Mlp net = new Mlp(role, new int[] {in, out}, new float[][] {flat}, new float[][] {bias});
        byte[] onnx = Onnx.fp32(new Onnx.About(name, version, "fp32", features, version), net);
        List<Object> cases = new ArrayList<>();
        for (float[] raw : vectors) {
            float[] x = new float[in];
            for (int i = 0; i < in; i++) {
                x[i] = (raw[i] - mean[i]) / std[i];
            }
            double[] s = net.scores(x);
            float[] expected = new float[s.length];
            for (int k = 0; k < s.length; k++) {
                expected[k] = (float) s[k];
            }
            cases.add(ModelBundle.ordered("input", x, "expected", expected));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("version", version);
        d.put("role", role.id);
        d.put("precision", "fp32");
        d.put("features", features);
        if (consumes != null) {
            d.put("consumes", consumes);
        }
        d.put("file", ModelBundle.MODEL);
        d.put("sha256", ModelBundle.sha256(onnx));
        d.put("inputs", List.of(ModelBundle.ordered("name", Onnx.INPUT, "shape", List.of(1, in), "type", "float32")));
        d.put("outputs", List.of(ModelBundle.ordered("name", Onnx.OUTPUT, "shape", List.of(1, out), "type", "float32")));
        d.put("labels", labels);
        if (!severity.isEmpty()) {
            d.put("severity", severity);
        }
        d.put("normalisation", ModelBundle.ordered("mean", mean, "std", std));
        d.put("thresholds", role == Role.TRIGGER ? ModelBundle.ordered("fire", threshold)
                : ModelBundle.ordered("min.score", threshold));
        d.put("vectors", ModelBundle.VECTORS);
        new ModelBundle(onnx, Json.write(d), Json.write(ModelBundle.ordered("tolerance", ModelBundle.FP32_TOLERANCE,
                "cases", cases))).write(dir);
    }
}
