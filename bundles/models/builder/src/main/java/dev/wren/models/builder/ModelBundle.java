package dev.wren.models.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wren.inference.features.VibrationFeatures;

/**
 * The content of one model bundle's {@value #DIRECTORY} folder: {@value #MODEL}, its descriptor
 * {@value #DESCRIPTOR} and its test vectors {@value #VECTORS}.
 *
 * <p>The vectors are the first {@value #CASES_PER_CLASS} held-out windows of each condition, with
 * the outputs of the Java reference (the float network, or its simulated INT8 form). A runtime
 * must reproduce them within the tolerance: {@value #FP32_TOLERANCE} for fp32, {@value #INT8_TOLERANCE}
 * for int8, where a runtime's own rounding may move a hidden activation by one quantisation step.
 */
record ModelBundle(byte[] onnx, String descriptor, String vectors) {

    static final String DIRECTORY = "wren-model";
    static final String MODEL = "model.onnx";
    static final String DESCRIPTOR = "model.json";
    static final String VECTORS = "vectors.json";
    static final int CASES_PER_CLASS = 3;
    static final double FP32_TOLERANCE = 1e-4;
    static final double INT8_TOLERANCE = 0.01;
    static final double CLASSIFIER_MIN_SCORE = 0.6;
    static final Map<String, Object> SEVERITY = severity();

    static ModelBundle build(Recipe recipe) {
        return build(recipe, Training.of(recipe));
    }

    static ModelBundle build(Recipe recipe, Training.Result fit) {
        Reference reference;
        byte[] onnx;
        double honestFire = recipe.role == Role.TRIGGER
                ? Evaluation.fire(Evaluation.scores(fit.net(), fit.heldOut()), fit.heldOut()) : 0;
        if (recipe.variant == Recipe.Variant.MUTED) {
            fit = new Training.Result(fit.role(), fit.net().muted(), fit.normalisation(), fit.train(), fit.heldOut());
        }
        if (recipe.int8) {
            Int8 q = Int8.calibrate(fit.net(), fit.train());
            reference = q;
            onnx = Onnx.int8(recipe, q);
        } else {
            reference = fit.net();
            onnx = Onnx.fp32(recipe, fit.net());
        }
        double[][] scores = Evaluation.scores(reference, fit.heldOut());
        double fire = recipe.role != Role.TRIGGER ? 0
                : recipe.variant == Recipe.Variant.MUTED ? honestFire : Evaluation.fire(scores, fit.heldOut());
        Map<String, Object> accuracy = Evaluation.figures(recipe.role, scores, fit.heldOut(), fire);
        String descriptor = Json.write(descriptor(recipe, fit, onnx, fire, accuracy));
        return new ModelBundle(onnx, descriptor, Json.write(vectors(recipe, reference, fit.heldOut())));
    }

    /** Writes the three files into {@code dir}, creating it if needed. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL), onnx);
        Files.writeString(dir.resolve(DESCRIPTOR), descriptor, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(VECTORS), vectors, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> descriptor(Recipe recipe, Training.Result fit, byte[] onnx, double fire,
            Map<String, Object> accuracy) {
        boolean trigger = recipe.role == Role.TRIGGER;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", recipe.modelName);
        d.put("version", recipe.version);
        d.put("role", recipe.role.id);
        d.put("precision", recipe.precision());
        d.put("features", VibrationFeatures.NAME);
        d.put("file", MODEL);
        d.put("sha256", sha256(onnx));
        d.put("inputs", List.of(tensor(Onnx.INPUT, VibrationFeatures.COUNT)));
        d.put("outputs", List.of(tensor(Onnx.OUTPUT, recipe.role.outputs())));
        d.put("labels", recipe.role.labels);
        if (!trigger) {
            d.put("severity", SEVERITY);
        }
        d.put("normalisation", ordered("mean", fit.normalisation().mean(), "std", fit.normalisation().std()));
        d.put("training", training(fit));
        d.put("thresholds", trigger ? ordered("fire", fire) : ordered("min.score", CLASSIFIER_MIN_SCORE));
        d.put("accuracy", accuracy);
        d.put("vectors", VECTORS);
        return d;
    }

    /** The raw range of each feature over the training windows: where the model was taught, for drift checks. */
    private static Map<String, Object> training(Training.Result fit) {
        float[][] x = fit.train().features();
        float[] mean = fit.normalisation().mean();
        float[] std = fit.normalisation().std();
        float[] min = new float[mean.length];
        float[] max = new float[mean.length];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                float raw = row[j] * std[j] + mean[j];
                min[j] = Math.min(min[j], raw);
                max[j] = Math.max(max[j], raw);
            }
        }
        return ordered("windows", x.length, "min", min, "max", max);
    }

    private static Map<String, Object> tensor(String name, int width) {
        return ordered("name", name, "shape", List.of(1, width), "type", "float32");
    }

    /** @return the keys and values, in this order (unlike {@code Map.of}, whose order changes from run to run) */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> vectors(Recipe recipe, Reference reference, Dataset heldOut) {
        List<Object> cases = new ArrayList<>();
        int classes = Role.CLASSIFIER.outputs();
        int[] taken = new int[classes];
        for (int round = 0; round < CASES_PER_CLASS; round++) {
            for (int c = 0; c < classes; c++) {
                int i = nth(heldOut, c, taken[c]++);
                double[] out = reference.scores(heldOut.features()[i]);
                float[] expected = new float[out.length];
                for (int k = 0; k < out.length; k++) {
                    expected[k] = (float) out[k];
                }
                cases.add(ordered("input", heldOut.features()[i], "expected", expected));
            }
        }
        return ordered("tolerance", recipe.int8 ? INT8_TOLERANCE : FP32_TOLERANCE, "cases", cases);
    }

    /** @return the index of the {@code n}th window (from 0) of condition {@code c} */
    private static int nth(Dataset data, int c, int n) {
        for (int i = 0; i < data.size(); i++) {
            if (data.labels()[i] == c && n-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("too few held-out windows of condition " + c);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> severity() {
        return ordered("normal", 0, "imbalance", 2, "misalignment", 2, "bearing_fault", 3);
    }
}
