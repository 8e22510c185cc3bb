package dev.wren.sensor;

import java.util.List;

/**
 * A block of evenly spaced samples of one or more channels, captured in one go (vibration at up
 * to a few kHz, audio, a burst of ADC conversions).
 *
 * <p>Samples are interleaved frame by frame: {@code samples[frame * channels.size() + channel]}.
 * The array is handed over, not copied: the producer must not touch it after constructing the
 * window, and consumers must not modify it. Records compare arrays by identity, so two windows
 * are {@code equal} only if they share the array.
 *
 * @param sensor    the {@link Sensor#id() id} of the sensor that captured it, never blank
 * @param channels  channel names in frame order, for example {@code [accel.x, accel.y, accel.z]}
 * @param unit      the unit shared by all channels (see {@link Reading#unit()})
 * @param start     time of the first frame, milliseconds since the epoch (UTC)
 * @param rateHz    frames per second, finite and positive
 * @param samples   interleaved samples; length a multiple of the channel count
 */
public record Window(String sensor, List<String> channels, String unit, long start,
                     double rateHz, float[] samples) {

    public Window {
        Reading.requireText(sensor, "sensor");
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must not be empty");
        }
        if (unit == null) {
            throw new IllegalArgumentException("unit must not be null");
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be finite and positive, was " + rateHz);
        }
        if (samples == null || samples.length % channels.size() != 0) {
            throw new IllegalArgumentException("samples must hold whole frames of "
                    + channels.size() + " channels");
        }
    }

    /** @return the number of frames (samples per channel) */
    public int frames() {
        return samples.length / channels.size();
    }

    /** @return one sample, by frame and channel index */
    public float sample(int frame, int channel) {
        return samples[frame * channels.size() + channel];
    }

    /** @return the time the window spans, in milliseconds */
    public double durationMillis() {
        return frames() * 1000.0 / rateHz;
    }
}
