package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.wren.inference.Insight;
import dev.wren.inference.features.SummaryFeatures;
import dev.wren.sensor.Reading;

/**
 * One model's way through the reading pipeline for one sensor: readings of the quantities the
 * model consumes gather into time windows aligned to multiples of the window's length; each window
 * that closes with enough readings of every quantity goes through {@link SummaryFeatures}, the
 * serving version of the model, its canary ({@link Shadow}) and the decision: a trigger's window
 * is {@value Lane#UNUSUAL} (severity 2) at or above its threshold, else normal; a classifier's is
 * its top label, with that label's severity. A reading older than the open window is dropped.
 * Not thread-safe: the reading pipeline calls it under its lock.
 */
final class SummaryLane implements AutoCloseable {

    /** Where insights and failures go. */
    interface Out {
        void insight(Insight insight);

        void failed(String sensor, String model, String why);
    }

    private final String sensor;
    private final Registry.Slot slot;
    private final Consumes consumes;
    private final OrtEnvironment env;
    private final Counters counters;
    private final Out out;
    private final Shadow canary;
    private final float[] raw;
    private SummaryFeatures window;
    private Runner runner;
    private String label = "";

    SummaryLane(String sensor, Registry.Slot slot, Consumes consumes, OrtEnvironment env, Counters counters, Out out) {
        this.sensor = sensor;
        this.slot = slot;
        this.consumes = consumes;
        this.env = env;
        this.counters = counters;
        this.out = out;
        this.canary = new Shadow(env);
        this.raw = new float[SummaryFeatures.count(consumes.quantities().size())];
    }

    Consumes consumes() {
        return consumes;
    }

    /** Adds the readings of the consumed quantities; runs the model on each window they close. */
    void add(List<Reading> batch) {
        for (Reading r : batch) {
            int q = consumes.indexOf(r.quantity());
            if (q < 0) {
                continue;
            }
            long at = r.timestamp();
            long start = at - Math.floorMod(at, consumes.windowMs());
            if (window == null) {
                window = new SummaryFeatures(consumes.quantities().size(), start);
            } else if (start > window.start()) {
                closeWindow();
                window.reset(start);
            } else if (start < window.start()) {
                counters.rejected.increment();
                continue;
            }
            window.add(q, at, r.value());
        }
    }

    private void closeWindow() {
        if (window.fewest() < consumes.minReadings()) {
            counters.skipped.increment();
            return;
        }
        process(window.start() + consumes.windowMs());
    }

    private void process(long endMillis) {
        long t0 = System.nanoTime();
        long capture = Math.max(0, (System.currentTimeMillis() - endMillis) * 1_000_000);
        LoadedModel m = slot.acquire();
        if (m == null) {
            counters.noModel.increment();
            return;
        }
        Descriptor d = m.descriptor();
        try {
            window.compute(raw, 0);
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
