package dev.wren.inference.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

import dev.wren.inference.features.SummaryFeatures;
import dev.wren.inference.features.VibrationFeatures;

/**
 * What a model asks for, from its descriptor's {@code consumes} object: the sensors (an LDAP
 * filter over their service properties) and, for a {@value SummaryFeatures#NAME} model, the
 * quantities in input order and the time window its features are taken over; for a
 * {@value VibrationFeatures#NAME} model, the frames of its analysis window.
 *
 * @param sensors     the filter, as written
 * @param quantities  the quantities, in the order of the features
 * @param windowMs    the window's length
 * @param minReadings the fewest readings each quantity needs for a window to be run
 * @param frames      ({@value VibrationFeatures#NAME}) frames per analysis window; 0 for summary-v1
 */
record Consumes(String sensors, Filter filter, List<String> quantities, long windowMs, int minReadings, int frames) {

    /** The feature sets this gateway computes. */
    static final List<String> FEATURE_SETS = List.of(VibrationFeatures.NAME, SummaryFeatures.NAME);

    private static final Pattern QUANTITY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Checks the feature set against the input and reads {@code consumes}: required by
     * {@value SummaryFeatures#NAME} models; optional for {@value VibrationFeatures#NAME} ones (without
     * it the vibration pipeline runs them when its configuration names them).
     *
     * @return what the model consumes; null for a vibration model without {@code consumes}
     * @throws IllegalArgumentException naming the field and its rule
     */
    static Consumes check(String features, Object consumes, int inputSize) {
        if (!FEATURE_SETS.contains(features)) {
            throw new IllegalArgumentException("features: unknown feature set '" + features + "'; this gateway computes "
                    + String.join(", ", FEATURE_SETS));
        }
        if (features.equals(VibrationFeatures.NAME)) {
            if (inputSize != VibrationFeatures.COUNT) {
                throw new IllegalArgumentException("inputs: " + VibrationFeatures.NAME + " is " + VibrationFeatures.COUNT
                        + " values, the input is " + inputSize);
            }
            if (consumes == null) {
                return null;
            }
        } else if (consumes == null) {
            throw new IllegalArgumentException("consumes: required object for a " + features + " model");
        }
        if (!(consumes instanceof Map<?, ?> c)) {
            throw new IllegalArgumentException("consumes: must be an object");
        }
        if (!(c.get("sensors") instanceof String sensors) || sensors.isBlank()) {
            throw new IllegalArgumentException("consumes.sensors: required LDAP filter over the sensors' service properties");
        }
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(sensors);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("consumes.sensors: not an LDAP filter: '" + sensors + "'");
        }
        if (features.equals(VibrationFeatures.NAME)) {
            double frames = number(c, "frames", 256, 4096, 1024);
            if (frames != Math.rint(frames) || Integer.bitCount((int) frames) != 1) {
                throw new IllegalArgumentException("consumes.frames: 256, 512, 1024, 2048 or 4096, was " + frames);
            }
            return new Consumes(sensors.trim(), filter, List.of(), 0, 0, (int) frames);
        }
        List<String> quantities = new ArrayList<>();
        if (c.get("quantities") instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String q) || !QUANTITY.matcher(q).matches() || quantities.contains(q)) {
                    throw new IllegalArgumentException("consumes.quantities: distinct quantity names, was " + l);
                }
                quantities.add(q);
            }
        }
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("consumes.quantities: required list of one or more quantity names");
        }
        if (inputSize != SummaryFeatures.count(quantities.size())) {
            throw new IllegalArgumentException("inputs: " + SummaryFeatures.NAME + " of " + quantities.size()
                    + " quantities is " + SummaryFeatures.count(quantities.size()) + " values, the input is " + inputSize);
        }
        double window = number(c, "window.s", 1, 86_400, Double.NaN);
        double min = number(c, "min.readings", 1, 100_000, 2);
        if (min != Math.rint(min)) {
            throw new IllegalArgumentException("consumes.min.readings: a whole number, was " + min);
        }
        return new Consumes(sensors.trim(), filter, List.copyOf(quantities), Math.round(window * 1000), (int) min, 0);
    }

    private static double number(Map<?, ?> c, String key, double lo, double hi, double fallback) {
        Object v = c.get(key);
        if (v == null && !Double.isNaN(fallback)) {
            return fallback;
        }
        if (!(v instanceof Double d) || !(d >= lo && d <= hi)) {
            throw new IllegalArgumentException("consumes." + key + ": must be " + (long) lo + " to " + (long) hi
                    + ", was " + v);
        }
        return d;
    }

    /** @return the index of {@code quantity} in the input, or -1 */
    int indexOf(String quantity) {
        return quantities.indexOf(quantity);
    }
}
