package dev.wren.inference.internal;

import java.util.List;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.inference.features.VibrationFeatures;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;

/**
 * One {@value VibrationFeatures#NAME} model on one window sensor in the reading pipeline: the
 * sensor's three-axis windows gather into analysis windows of {@code consumes.frames} frames; each
 * full one goes through {@link VibrationFeatures} and the model ({@link ModelRun}). A window with
 * another number of channels, a non-finite sample or a new rate is rejected and counted, and the
 * analysis window starts over. Not thread-safe: the reading pipeline calls it under its lock.
 */
final class WindowLane implements ModelLane {

    private final Consumes consumes;
    private final Counters counters;
    private final ModelRun model;
    private final AnalysisWindow window;
    private final float[] raw = new float[VibrationFeatures.COUNT];
    /** Runs a completed analysis window; made once, so adding samples allocates nothing. */
    private final java.util.function.LongConsumer full;

    WindowLane(String sensor, Registry.Slot slot, Consumes consumes, OrtEnvironment env, Counters counters,
            ModelRun.Out out) {
        this.consumes = consumes;
        this.counters = counters;
        this.model = new ModelRun(sensor, slot, env, counters, out);
        this.window = new AnalysisWindow(consumes.frames());
        ModelRun.Features compute = () -> window.features().compute(window.samples(), 0, raw, 0);
        this.full = end -> model.run(compute, raw, end);
    }

    @Override
    public Consumes consumes() {
        return consumes;
    }

    @Override
    public void add(List<Reading> batch) {
        // a vibration-v1 model reads windows only
    }

    @Override
    public void add(Window w) {
        if (!window.add(w.channels().size(), w.samples(), w.rateHz(), w.start() + Math.round(w.durationMillis()), full)) {
            counters.rejected.increment();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
