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
    private final float[] samples;
    private final float[] raw = new float[VibrationFeatures.COUNT];
    private VibrationFeatures features;
    private double rateHz;
    private int filled;

    WindowLane(String sensor, Registry.Slot slot, Consumes consumes, OrtEnvironment env, Counters counters,
            ModelRun.Out out) {
        this.consumes = consumes;
        this.counters = counters;
        this.model = new ModelRun(sensor, slot, env, counters, out);
        this.samples = new float[consumes.frames() * Lane.AXES];
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
    public void add(Window window) {
        float[] data = window.samples();
        if (window.channels().size() != Lane.AXES || !finite(data)) {
            counters.rejected.increment();
            filled = 0;
            return;
        }
        if (features == null || window.rateHz() != rateHz) {
            features = new VibrationFeatures(consumes.frames(), window.rateHz());
            rateHz = window.rateHz();
            filled = 0;
        }
        long end = window.start() + Math.round(window.durationMillis());
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, samples.length - filled);
            System.arraycopy(data, at, samples, filled, n);
            filled += n;
            at += n;
            if (filled == samples.length) {
                filled = 0;
                long lag = (data.length - at) / Lane.AXES;
                VibrationFeatures f = features;
                model.run(() -> f.compute(samples, 0, raw, 0), raw, end - (long) (lag * 1000 / rateHz));
            }
        }
    }

    private static boolean finite(float[] data) {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        model.close();
    }
}
