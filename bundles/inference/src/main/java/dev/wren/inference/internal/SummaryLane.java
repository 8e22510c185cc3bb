package dev.wren.inference.internal;

import java.util.List;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.inference.features.SummaryFeatures;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;

/**
 * One model's way through the reading pipeline for one sensor: readings of the quantities the
 * model consumes gather into time windows aligned to multiples of the window's length; each window
 * that closes with enough readings of every quantity goes through {@link SummaryFeatures} and the
 * model ({@link ModelRun}). A reading older than the open window is dropped.
 * Not thread-safe: the reading pipeline calls it under its lock.
 */
final class SummaryLane implements ModelLane {

    private final Consumes consumes;
    private final Counters counters;
    private final ModelRun model;
    private final float[] raw;
    private SummaryFeatures window;
    private final ModelRun.Features compute;

    SummaryLane(String sensor, Registry.Slot slot, Consumes consumes, OrtEnvironment env, Counters counters,
            ModelRun.Out out) {
        this.consumes = consumes;
        this.counters = counters;
        this.model = new ModelRun(sensor, slot, env, counters, out);
        this.raw = new float[SummaryFeatures.count(consumes.quantities().size())];
        this.compute = () -> window.compute(raw, 0);
    }

    @Override
    public Consumes consumes() {
        return consumes;
    }

    @Override
    public void add(Window w) {
        // a summary-v1 model reads scalar readings only
    }

    /** Adds the readings of the consumed quantities; runs the model on each window they close. */
    @Override
    public void add(List<Reading> batch) {
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
        model.run(compute, raw, window.start() + consumes.windowMs());
    }

    @Override
    public void close() {
        model.close();
    }
}
