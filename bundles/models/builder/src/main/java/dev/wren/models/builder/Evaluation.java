package dev.wren.models.builder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model does on labelled, normalised windows, as the descriptor's {@code accuracy} reports
 * it: overall accuracy, and per class (classifier) or the fault recall and false-positive rate at
 * the firing threshold (trigger).
 */
final class Evaluation {

    /** A trigger must let at least this share of the held-out faults through; 0.98 is the floor, this the aim. */
    static final double TRIGGER_RECALL = 0.99;

    private Evaluation() {
    }

    /** @return every window's outputs */
    static double[][] scores(Reference model, Dataset data) {
        double[][] s = new double[data.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = model.scores(data.features()[i]);
        }
        return s;
    }

    /**
     * The trigger's firing threshold: the highest of 0.50, 0.49, .. 0.01 above which at least
     * {@link #TRIGGER_RECALL} of the faults in {@code data} score.
     */
    static double fire(double[][] scores, Dataset data) {
        for (int t = 50; t > 1; t--) {
            if (recall(scores, data, t / 100.0) >= TRIGGER_RECALL) {
                return t / 100.0;
            }
        }
        return 0.01;
    }

    /** @return the share of faults scoring above {@code fire} */
    static double recall(double[][] scores, Dataset data, double fire) {
        return fired(scores, data, fire, true);
    }

    /** @return the share of normal windows scoring above {@code fire} */
    static double falsePositives(double[][] scores, Dataset data, double fire) {
        return fired(scores, data, fire, false);
    }

    private static double fired(double[][] scores, Dataset data, double fire, boolean faults) {
        int n = 0;
        int fired = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((data.labels()[i] != 0) == faults) {
                n++;
                fired += scores[i][0] > fire ? 1 : 0;
            }
        }
        return fired / (double) n;
    }

    /** @return the classifier's label of one window: the index of its highest score */
    static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }

    /** @return the descriptor's accuracy figures, rounded to 4 decimals */
    static Map<String, Object> figures(Role role, double[][] scores, Dataset data, double fire) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = data.size();
        if (role == Role.TRIGGER) {
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += (scores[i][0] > fire) == (data.labels()[i] != 0) ? 1 : 0;
            }
            m.put("heldout", round(right / (double) n));
            m.put("samples", n);
            m.put("recall", round(recall(scores, data, fire)));
            m.put("false.positive.rate", round(falsePositives(scores, data, fire)));
            return m;
        }
        List<String> labels = role.labels;
        int[] right = new int[labels.size()];
        int[] total = new int[labels.size()];
        for (int i = 0; i < n; i++) {
            int y = data.labels()[i];
            total[y]++;
            right[y] += argmax(scores[i]) == y ? 1 : 0;
        }
        int sum = 0;
        for (int r : right) {
            sum += r;
        }
        m.put("heldout", round(sum / (double) n));
        m.put("samples", n);
        for (int k = 0; k < labels.size(); k++) {
            m.put(labels.get(k), round(right[k] / (double) total[k]));
        }
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
