package dev.wren.driver.mpu6050;

import java.util.ArrayList;
import java.util.List;

import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;

/** Vibration figures of a window: RMS, peak and crest factor per channel, about the channel's mean. */
final class WindowStatistics {

    private WindowStatistics() {
    }

    /** @see Mpu6050#summarize(Window) */
    static List<Reading> summarize(Window w) {
        int channels = w.channels().size();
        int frames = w.frames();
        if (frames == 0) {
            return List.of();
        }
        List<Reading> out = new ArrayList<>(3 * channels);
        for (int c = 0; c < channels; c++) {
            double mean = 0;
            for (int f = 0; f < frames; f++) {
                mean += w.sample(f, c);
            }
            mean /= frames;
            double squares = 0;
            double peak = 0;
            for (int f = 0; f < frames; f++) {
                double d = w.sample(f, c) - mean;
                squares += d * d;
                peak = Math.max(peak, Math.abs(d));
            }
            double rms = Math.sqrt(squares / frames);
            String name = w.channels().get(c);
            out.add(new Reading(w.sensor(), name + ".rms", rms, w.unit(), w.start()));
            out.add(new Reading(w.sensor(), name + ".peak", peak, w.unit(), w.start()));
            if (rms > 0) {
                out.add(new Reading(w.sensor(), name + ".crest", peak / rms, "", w.start()));
            }
        }
        return List.copyOf(out);
    }
}
