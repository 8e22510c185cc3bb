package dev.wren.inference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.Version;

import dev.wren.inference.Model;

/**
 * A model bundle's {@code model.json}, checked field by field: a descriptor that breaks a rule is
 * refused with the field's name.
 *
 * @param tensor      the single input and the single output: name and shape (-1 = any size)
 * @param severity    per label, 0 to 3 (classifiers); labels not listed are 0
 * @param mean        normalisation: {@code (x - mean) / std} per input value
 * @param thresholds  {@code fire} (trigger) or {@code min.score} (classifier), 0 to 1
 * @param trainMin    optional ({@code training.min}): the smallest raw value of each input over the training
 *                    windows, for drift; null when the descriptor has none
 * @param trainMax    optional ({@code training.max}): the largest; null with {@code trainMin}
 * @param consumes    what a {@code summary-v1} model consumes ({@link Consumes}); null for a
 *                    {@code vibration-v1} model, which the vibration pipeline runs by name
 */
record Descriptor(String name, Version version, String role, String precision, String features, String file,
        String sha256, Tensor input, Tensor output, List<String> labels, Map<String, Integer> severity,
        float[] mean, float[] std, Map<String, Double> thresholds, String vectors, Map<String, Object> accuracy,
        float[] trainMin, float[] trainMax, Consumes consumes) {

    static final String TRIGGER = "trigger";
    static final String CLASSIFIER = "classifier";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One tensor: its name and shape. */
    record Tensor(String name, long[] shape) {

        /** @return the number of values, leading dimensions of -1 taken as 1 */
        int size() {
            long n = 1;
            for (long d : shape) {
                n *= Math.max(d, 1);
            }
            return (int) n;
        }

        String describe() {
            return name + java.util.Arrays.toString(shape);
        }
    }

    /** @return the descriptor, or an {@link IllegalArgumentException} naming the field and its rule */
    static Descriptor parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("model.json: must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m;
        String name = text(d, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: 1 to 64 of a-z 0-9 . _ -, was '" + name + "'");
        }
        String versionText = text(d, "version");
        Version version;
        try {
            version = Version.parseVersion(versionText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version: not an OSGi version, was '" + versionText + "'");
        }
        String role = text(d, "role");
        if (!role.equals(TRIGGER) && !role.equals(CLASSIFIER)) {
            throw new IllegalArgumentException("role: must be trigger or classifier, was '" + role + "'");
        }
        String precision = text(d, "precision");
        String sha = text(d, "sha256").toLowerCase(java.util.Locale.ROOT);
        if (!HEX.matcher(sha).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 hex digits");
        }
        Tensor input = single(d, "inputs");
        Tensor output = single(d, "outputs");
        List<String> labels = strings(d, "labels");
        if (role.equals(CLASSIFIER) ? labels.size() != output.size() : output.size() != 1) {
            throw new IllegalArgumentException("labels: a classifier needs one label per output and a trigger one output;"
                    + " " + labels.size() + " labels for output " + output.describe());
        }
        Map<String, Integer> severity = new LinkedHashMap<>();
        if (d.get("severity") instanceof Map<?, ?> s) {
            for (Map.Entry<?, ?> e : s.entrySet()) {
                int v = e.getValue() instanceof Double n ? n.intValue() : -1;
                if (!labels.contains(String.valueOf(e.getKey())) || v < 0 || v > 3) {
                    throw new IllegalArgumentException("severity: a label of this model mapped to 0..3, was "
                            + e.getKey() + "=" + e.getValue());
                }
                severity.put(String.valueOf(e.getKey()), v);
            }
        }
        Map<?, ?> norm = object(d, "normalisation");
        float[] mean = floats(norm, "normalisation.mean", input.size());
        float[] std = floats(norm, "normalisation.std", input.size());
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation.std: every value must be positive, was " + s);
            }
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : object(d, "thresholds").entrySet()) {
            if (!(e.getValue() instanceof Double v) || !(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("thresholds." + e.getKey() + ": must be 0 to 1, was " + e.getValue());
            }
            thresholds.put(String.valueOf(e.getKey()), v);
        }
        String key = role.equals(TRIGGER) ? "fire" : "min.score";
        if (!thresholds.containsKey(key)) {
            throw new IllegalArgumentException("thresholds." + key + ": required for a " + role);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> accuracy = d.get("accuracy") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        float[] trainMin = null;
        float[] trainMax = null;
        if (d.get("training") != null) {
            Map<?, ?> t = object(d, "training");
            trainMin = floats(t, "training.min", input.size());
            trainMax = floats(t, "training.max", input.size());
            for (int i = 0; i < trainMin.length; i++) {
                if (trainMin[i] > trainMax[i]) {
                    throw new IllegalArgumentException("training: min above max for input " + i);
                }
            }
        }
        String features = text(d, "features");
        Consumes consumes = Consumes.check(features, d.get("consumes"), input.size());
        return new Descriptor(name, version, role, precision, features, file(d, "file"), sha, input, output,
                labels, severity, mean, std, thresholds, file(d, "vectors"), accuracy, trainMin, trainMax, consumes);
    }

    Model.Info info() {
        return new Model.Info(name, version.toString(), role, precision, features, input.size(), output.size(), labels,
                sha256);
    }

    double threshold() {
        return thresholds.get(role.equals(TRIGGER) ? "fire" : "min.score");
    }

    private static String text(Map<?, ?> d, String field) {
        if (!(d.get(field) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + ": required text");
        }
        return s.trim();
    }

    private static String file(Map<?, ?> d, String field) {
        String f = text(d, field);
        if (!FILE.matcher(f).matches()) {
            throw new IllegalArgumentException(field + ": a file name beside model.json, was '" + f + "'");
        }
        return f;
    }

    private static Map<?, ?> object(Map<?, ?> d, String field) {
        if (!(d.get(field) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(field + ": required object");
        }
        return m;
    }

    private static List<String> strings(Map<?, ?> d, String field) {
        List<String> out = new ArrayList<>();
        if (d.get(field) instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException(field + ": must be a list of names");
                }
                out.add(s);
            }
        } else if (d.get(field) != null) {
            throw new IllegalArgumentException(field + ": must be a list of names");
        }
        return List.copyOf(out);
    }

    private static float[] floats(Map<?, ?> d, String field, int size) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        if (!(d.get(key) instanceof List<?> l) || l.size() != size) {
            throw new IllegalArgumentException(field + ": must be " + size + " numbers");
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            if (!(l.get(i) instanceof Double v) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + ": must be " + size + " finite numbers");
            }
            out[i] = v.floatValue();
        }
        return out;
    }

    private static Tensor single(Map<?, ?> d, String field) {
        if (!(d.get(field) instanceof List<?> l) || l.size() != 1 || !(l.get(0) instanceof Map<?, ?> t)) {
            throw new IllegalArgumentException(field + ": must list exactly one tensor");
        }
        String name = text(t, "name");
        if (!"float32".equals(t.get("type"))) {
            throw new IllegalArgumentException(field + "[0].type: only float32 is served, was " + t.get("type"));
        }
        if (!(t.get("shape") instanceof List<?> s) || s.isEmpty()) {
            throw new IllegalArgumentException(field + "[0].shape: required list of dimensions");
        }
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(s.get(i) instanceof Double v) || v != Math.rint(v) || (v < 1 && v != -1) || v > 1 << 20) {
                throw new IllegalArgumentException(field + "[0].shape: dimensions must be 1 to 1048576 or -1");
            }
            shape[i] = v.longValue();
        }
        return new Tensor(name, shape);
    }
}
