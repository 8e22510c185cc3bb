package dev.wren.inference.internal;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.features.VibrationFeatures;

/**
 * How the shipped models (fp32 trigger and classifier 1.0.0, in ONNX Runtime) hold up away from
 * the conditions they were trained on (fault severity 0.3 to 2, noise 0.005 to 0.03 g, shaft 20 to
 * 40 Hz): per point, {@code windows} simulated analysis windows of each condition, the shaft speed
 * drawn in the training range; the decision of one window, trigger then classifier, without the
 * pipeline's debounce. Prints accuracy, the trigger's recall on faults and false positives on
 * normal windows, and the share of windows the drift check finds outside the training range.
 * {@code ./wren bench AccuracyCurves -Dwindows=100}
 */
public final class AccuracyCurves {

    record Point(double accuracy, double recall, double falsePositives, double outside) {
    }

    public static void main(String[] args) throws Exception {
        int windows = Integer.getInteger("windows", 100);
        LoadedModel trigger = Fixtures.model("vibration-trigger").load(1);
        LoadedModel classifier = Fixtures.model("vibration-classifier").load(2);
        System.out.printf(Locale.ROOT, "%d windows per condition per point, java %s%n%n", windows,
                System.getProperty("java.version"));
        System.out.println("| fault severity (noise 0.015 g) | accuracy | trigger recall | false positives | outside training range |");
        System.out.println("|---|---|---|---|---|");
        for (double severity : new double[] {0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 8}) {
            row(String.format(Locale.ROOT, "%.1f%s", severity, severity >= 0.3 && severity <= 2 ? "" : " (outside)"),
                    point(trigger, classifier, windows, severity, 0.015));
        }
        System.out.println();
        System.out.println("| noise g (severity 1) | accuracy | trigger recall | false positives | outside training range |");
        System.out.println("|---|---|---|---|---|");
        for (double noise : new double[] {0.005, 0.01, 0.02, 0.03, 0.06, 0.1, 0.2, 0.4}) {
            row(String.format(Locale.ROOT, "%.3f%s", noise, noise <= 0.03 ? "" : " (outside)"),
                    point(trigger, classifier, windows, 1, noise));
        }
        trigger.retire();
        classifier.retire();
    }

    private static Point point(LoadedModel trigger, LoadedModel classifier, int windows, double severity, double noise) {
        Random random = new Random(42);
        VibrationFeatures features = new VibrationFeatures(LaneTest.FRAMES, 1000);
        float[] raw = new float[VibrationFeatures.COUNT];
        int correct = 0;
        int faults = 0;
        int fired = 0;
        int normals = 0;
        int falseAlarms = 0;
        int outside = 0;
        List<Vibration.Condition> conditions = List.of(Vibration.Condition.values());
        for (Vibration.Condition c : conditions) {
            for (int w = 0; w < windows; w++) {
                Vibration v = new Vibration(random.nextLong()).condition(c).severity(severity).noiseG(noise)
                        .shaftHz(20 + 20 * random.nextDouble());
                features.compute(LaneTest.samples(v, 3600 * random.nextDouble(), LaneTest.FRAMES), 0, raw, 0);
                outside += Drift.outside(trigger.descriptor(), raw) ? 1 : 0;
                boolean fires = trigger.run(normalised(trigger.descriptor(), raw))[0] >= trigger.descriptor().threshold();
                int label = 0;
                if (fires) {
                    float[] s = classifier.run(normalised(classifier.descriptor(), raw));
                    for (int k = 1; k < s.length; k++) {
                        label = s[k] > s[label] ? k : label;
                    }
                }
                correct += label == c.ordinal() ? 1 : 0;
                if (c == Vibration.Condition.NORMAL) {
                    normals++;
                    falseAlarms += fires ? 1 : 0;
                } else {
                    faults++;
                    fired += fires ? 1 : 0;
                }
            }
        }
        int n = windows * conditions.size();
        return new Point(correct / (double) n, fired / (double) faults, falseAlarms / (double) normals, outside / (double) n);
    }

    private static float[] normalised(Descriptor d, float[] raw) {
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = (raw[i] - d.mean()[i]) / d.std()[i];
        }
        return x;
    }

    private static void row(String what, Point p) {
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", what, p.accuracy(), p.recall(),
                p.falsePositives(), p.outside());
    }
}
