package dev.wren.inference.internal;

import java.nio.FloatBuffer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.wren.inference.Insight;

/**
 * One model on one sensor's features, as the reading pipeline runs it: the serving version of the
 * slot, its canary ({@link Shadow}), and the decision. A trigger's window is {@value Lane#UNUSUAL}
 * (severity 2) at or above its threshold, else normal; a classifier's is its top label, with that
 * label's severity. Not thread-safe: one per lane.
 */
final class ModelRun implements AutoCloseable {

    /** Where insights and failures go. */
    interface Out {
        void insight(Insight insight);

        void failed(String sensor, String model, String why);
    }

    private final String sensor;
    private final Registry.Slot slot;
    private final OrtEnvironment env;
    private final Counters counters;
    private final Out out;
    private final Shadow canary;
    private Runner runner;
    private String label = "";

    ModelRun(String sensor, Registry.Slot slot, OrtEnvironment env, Counters counters, Out out) {
        this.sensor = sensor;
        this.slot = slot;
        this.env = env;
        this.counters = counters;
        this.out = out;
        this.canary = new Shadow(env);
    }

    /** Feature extraction of one window, into the raw feature array it was made with. */
    @FunctionalInterface
    interface Features {
        void compute();
    }

    /**
     * Runs the serving version on the window that ended at {@code endMillis}: {@code features}
     * fills {@code raw}, which is then normalised, run, decided and reported.
     */
    void run(Features features, float[] raw, long endMillis) {
        long t0 = System.nanoTime();
        long capture = Math.max(0, (System.currentTimeMillis() - endMillis) * 1_000_000);
        LoadedModel m = slot.acquire();
        if (m == null) {
            counters.noModel.increment();
            return;
        }
        Descriptor d = m.descriptor();
        try {
            features.compute();
            runner = Runner.fit(runner, env, d);
            runner.normalise(d, raw);
            long t1 = System.nanoTime();
            FloatBuffer s = runner.run(m);
            long t2 = System.nanoTime();
            int decision = FaultCases.decision(d, s);
            boolean trigger = d.role().equals(Descriptor.TRIGGER);
            String decided = trigger ? (decision == 1 ? Lane.UNUSUAL : "normal") : d.labels().get(decision);
            float score = trigger ? s.get(0) : s.get(decision);
            int severity = trigger ? (decision == 1 ? 2 : 0) : d.severity().getOrDefault(decided, 0);
            if (decision != 0) {
                slot.remember(raw, decision);
            }
            boolean changed = !decided.equals(label);
            label = decided;
            long t3 = System.nanoTime();
            counters.windows.increment();
            out.insight(new Insight(sensor, decided, score, severity, d.name(), d.version().toString(), endMillis,
                    capture, t1 - t0, t2 - t1, t3 - t2, changed));
            canary.run(slot, raw, decision, t2 - t1);
        } catch (OrtException | RuntimeException e) {
            counters.failed.increment();
            out.failed(sensor, d.name() + " " + d.version(), String.valueOf(e));
        } finally {
            m.release();
        }
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        canary.close();
    }
}
