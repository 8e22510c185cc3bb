package dev.wren.sensor;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A sensor that captures blocks of evenly spaced samples (vibration, audio, ADC bursts) at a
 * rate far above what one read per period could give, typically from the chip's FIFO. Registered
 * under both {@link Sensor} and {@code WindowSensor}.
 *
 * <p>The sampler calls {@link #readWindow()} once per period instead of {@link #read()}: each
 * call returns the samples captured since the previous one, so the period sets the window length
 * and must be short enough for the chip's buffer not to overflow. A window that lost samples is
 * never returned as if complete: the driver throws {@link SensorException} with
 * {@link SensorException.Fault#CORRUPT_DATA} (overflow) and restarts capture. Windows go to
 * sinks through {@link ReadingSink#acceptWindow}; {@link #summarize} turns each into a few
 * readings for sinks that take only readings.
 *
 * <p>Threading as for {@link Sensor}: never called concurrently for one sensor.
 *
 * @since 1.2
 */
@ConsumerType
public interface WindowSensor extends Sensor {

    /**
     * @return the samples captured since the previous call (the first call starts capture and may
     *         return a short window), never null
     * @throws SensorException when the samples are lost or untrustworthy
     */
    Window readWindow() throws SensorException;

    /**
     * @param window a window this sensor returned
     * @return readings that summarise it (for example RMS per channel), possibly empty; the
     *         default is the RMS of each channel, named {@code <channel>.rms}
     */
    default List<Reading> summarize(Window window) {
        int channels = window.channels().size();
        double[] sum = new double[channels];
        for (int i = 0; i < window.samples().length; i++) {
            double v = window.samples()[i];
            sum[i % channels] += v * v;
        }
        int frames = Math.max(1, window.frames());
        Reading[] out = new Reading[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = new Reading(window.sensor(), window.channels().get(c) + ".rms", Math.sqrt(sum[c] / frames),
                    window.unit(), window.start());
        }
        return List.of(out);
    }

    /**
     * Reads once as a plain sensor: one window, summarised.
     */
    @Override
    default List<Reading> read() throws SensorException {
        List<Reading> r = summarize(readWindow());
        if (r.isEmpty()) {
            throw new SensorException(SensorException.Fault.UNAVAILABLE, "no samples captured yet");
        }
        return r;
    }
}
