package dev.wren.inference;

/**
 * What the pipeline concluded about one window of one sensor, with the time each stage took.
 *
 * @param sensor       the sensor whose window it is
 * @param label        the decided class, such as {@code normal} or {@code bearing_fault}; after
 *                     debounce and hysteresis, so it changes only when a condition persists
 * @param score        the classifier's score of that label, 0 to 1 (the trigger's when the
 *                     classifier did not run)
 * @param severity     0 normal, 1 notice, 2 warning, 3 critical, from the model's descriptor
 * @param model        the model that decided (the classifier, or the trigger when it did not fire)
 * @param modelVersion its version
 * @param timestamp    end of the window, epoch milliseconds
 * @param captureNanos time from the end of the window to the start of feature extraction
 * @param preNanos     feature extraction and normalisation
 * @param inferNanos   the trigger and, when it fired, the classifier
 * @param postNanos    the decision (debounce, hysteresis)
 * @param changed      whether the label differs from the previous insight of this sensor
 * @param networkNanos when a peer ran the models ({@code servedBy}): the round trip over the peer
 *                     channel less the peer's {@code inferNanos}; 0 when this gateway ran them
 *                     (since 1.5)
 * @param servedBy     the id of the gateway of the site that ran the models on this gateway's
 *                     features (work sharing), or null when this gateway ran them (since 1.5)
 */
public record Insight(String sensor, String label, float score, int severity, String model, String modelVersion,
        long timestamp, long captureNanos, long preNanos, long inferNanos, long postNanos, boolean changed,
        long networkNanos, String servedBy) {

    /** An insight of this gateway's own models: no network time, served by nobody else. */
    public Insight(String sensor, String label, float score, int severity, String model, String modelVersion,
            long timestamp, long captureNanos, long preNanos, long inferNanos, long postNanos, boolean changed) {
        this(sensor, label, score, severity, model, modelVersion, timestamp, captureNanos, preNanos, inferNanos,
                postNanos, changed, 0, null);
    }

    /** @return the whole latency budget: capture, pre, network, infer and post, in nanoseconds (since 1.5) */
    public long totalNanos() {
        return captureNanos + preNanos + networkNanos + inferNanos + postNanos;
    }

    public Insight {
        if (sensor == null || label == null || model == null || modelVersion == null) {
            throw new IllegalArgumentException("sensor, label, model and modelVersion must not be null");
        }
        if (severity < 0 || severity > 3) {
            throw new IllegalArgumentException("severity must be 0 to 3, was " + severity);
        }
        if (networkNanos < 0) {
            throw new IllegalArgumentException("networkNanos must not be negative, was " + networkNanos);
        }
    }
}
