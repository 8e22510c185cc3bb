package dev.wren.inference.internal;

import java.util.function.LongConsumer;

import dev.wren.inference.features.VibrationFeatures;

/**
 * Three-axis samples gathering into analysis windows of a fixed number of frames, for every lane that
 * runs {@link VibrationFeatures}: a window with another number of channels or a non-finite sample is
 * refused and the analysis window starts over (it is no longer continuous); so does a change of rate.
 * The sample buffer is allocated once. Not thread-safe.
 */
final class AnalysisWindow {

    static final int AXES = 3;

    private final int frames;
    private final float[] samples;
    private VibrationFeatures features;
    private double rateHz;
    private int filled;

    AnalysisWindow(int frames) {
        this.frames = frames;
        this.samples = new float[frames * AXES];
    }

    /**
     * Adds interleaved x, y, z samples that end at {@code endMillis}; calls {@code full} with the end
     * time of each analysis window they complete, while {@link #samples()} holds it.
     *
     * @return false if the samples were refused
     */
    boolean add(int channels, float[] data, double rate, long endMillis, LongConsumer full) {
        if (channels != AXES || data.length % AXES != 0 || !finite(data)) {
            filled = 0;
            return false;
        }
        if (features == null || rate != rateHz) {
            features = new VibrationFeatures(frames, rate);
            rateHz = rate;
            filled = 0;
        }
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, samples.length - filled);
            System.arraycopy(data, at, samples, filled, n);
            filled += n;
            at += n;
            if (filled == samples.length) {
                filled = 0;
                long lag = (data.length - at) / AXES;
                full.accept(endMillis - (long) (lag * 1000 / rate));
            }
        }
        return true;
    }

    private static boolean finite(float[] data) {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** @return the samples of the analysis window just completed */
    float[] samples() {
        return samples;
    }

    /** @return the feature set for the current rate; null before the first samples */
    VibrationFeatures features() {
        return features;
    }

    double rateHz() {
        return rateHz;
    }

    int frames() {
        return frames;
    }
}
