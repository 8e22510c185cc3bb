package dev.wren.inference.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.wren.inference.features.VibrationFeatures;

/**
 * Whether a sensor's live features stay where the serving trigger was trained: each analysis
 * window is out of range when a feature lies outside the training windows' minimum to maximum,
 * widened by a tenth of that range on each side. Over the last {@code windows} windows, drift
 * begins when at least {@code share} of them are out of range, and ends when at most half that
 * share are; each change is reported once, with the features furthest out (mean z-score against
 * the training mean and standard deviation). A model without training ranges is not judged. Not
 * thread-safe: its lane's.
 */
final class Drift {

    /** A change: drifting or back in range, the share of windows out of range, the features furthest out. */
    record Change(boolean drifting, double share, String features) {
    }

    static final double MARGIN = 0.1;
    private static final String[] AXES = {"x", "y", "z"};
    private static final String[] PER_AXIS = {"rms", "crest", "kurtosis", "band1", "band2", "band3", "band4", "band5"};

    private final int windows;
    private final double share;
    private final boolean[] out;
    private final float[][] z;
    private int next;
    private int size;
    private int outside;
    private boolean drifting;

    Drift(int windows, double share) {
        this.windows = windows;
        this.share = share;
        this.out = new boolean[windows];
        this.z = new float[windows][VibrationFeatures.COUNT];
    }

    /** @return the change this window makes, or null */
    Change add(Descriptor d, float[] raw) {
        float[] min = d.trainMin();
        float[] max = d.trainMax();
        if (min == null || max == null || raw.length != min.length) {
            return null;
        }
        boolean o = outside(d, raw);
        float[] zs = z[next];
        for (int i = 0; i < raw.length; i++) {
            zs[i] = (raw[i] - d.mean()[i]) / d.std()[i];
        }
        if (size == windows) {
            outside -= out[next] ? 1 : 0;
        } else {
            size++;
        }
        out[next] = o;
        outside += o ? 1 : 0;
        next = (next + 1) % windows;
        if (size < windows) {
            return null;
        }
        double s = outside / (double) windows;
        if (!drifting && s >= share || drifting && s <= share / 2) {
            drifting = !drifting;
            return new Change(drifting, s, furthest());
        }
        return null;
    }

    /** @return whether a feature of {@code raw} lies outside {@code d}'s training range widened by {@value #MARGIN} of it */
    static boolean outside(Descriptor d, float[] raw) {
        float[] min = d.trainMin();
        float[] max = d.trainMax();
        for (int i = 0; i < raw.length; i++) {
            double m = MARGIN * (max[i] - min[i]);
            if (raw[i] < min[i] - m || raw[i] > max[i] + m) {
                return true;
            }
        }
        return false;
    }

    /** @return the three features with the largest mean |z| over the windows, as name=z */
    private String furthest() {
        int n = z[0].length;
        double[] mean = new double[n];
        for (float[] row : z) {
            for (int i = 0; i < n; i++) {
                mean[i] += row[i] / windows;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(Math.abs(mean[b]), Math.abs(mean[a])));
        List<String> top = new ArrayList<>();
        for (int i : order.subList(0, 3)) {
            top.add(String.format(Locale.ROOT, "%s=%.1f", name(i), mean[i]));
        }
        return String.join(", ", top);
    }

    static String name(int feature) {
        return AXES[feature / VibrationFeatures.PER_AXIS] + "." + PER_AXIS[feature % VibrationFeatures.PER_AXIS];
    }
}
