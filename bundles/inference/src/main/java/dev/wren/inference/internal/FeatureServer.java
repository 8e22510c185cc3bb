package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.wren.inference.features.VibrationFeatures;

/**
 * Runs this gateway's serving models on a peer's feature vector: the trigger, and the classifier
 * when the trigger fires and the peer asked for one. Models are looked up by name among the
 * installed ones only (a name nobody installed is refused, not remembered). One request at a time:
 * the runners' native buffers are reused, and the peer channel already bounds the calls waiting.
 * ONNX Runtime is touched at the first request, not before.
 */
final class FeatureServer implements AutoCloseable {

    private Runner triggerRunner;
    private Runner classifierRunner;

    /**
     * @throws IllegalArgumentException features of another kind or size, or a model not served here
     * @throws OrtException             the run failed
     */
    synchronized ShareWire.Answer serve(Registry registry, ShareWire.Request r) throws OrtException {
        if (!VibrationFeatures.NAME.equals(r.features())) {
            throw new IllegalArgumentException("features " + r.features() + " are not computed here");
        }
        LoadedModel trig = acquire(registry, r.trigger());
        LoadedModel cls = null;
        try {
            long t0 = System.nanoTime();
            triggerRunner = fit(triggerRunner, trig, r.values());
            triggerRunner.normalise(trig.descriptor(), r.values());
            float unusual = triggerRunner.run(trig).get(0);
            float fire = (float) trig.descriptor().threshold();
            ShareWire.Classified classified = null;
            if (unusual >= fire && !r.classifier().isEmpty()) {
                cls = acquireOrNull(registry, r.classifier());
            }
            if (cls != null) {
                Descriptor d = cls.descriptor();
                classifierRunner = fit(classifierRunner, cls, r.values());
                classifierRunner.normalise(d, r.values());
                FloatBuffer out = classifierRunner.run(cls);
                List<String> labels = d.labels();
                int n = Math.min(labels.size(), ShareWire.MAX_LABELS);
                float[] scores = new float[n];
                int[] severity = new int[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = out.get(i);
                    severity[i] = d.severity().getOrDefault(labels.get(i), 0);
                }
                classified = new ShareWire.Classified(d.name(), d.version().toString(), (float) d.threshold(),
                        List.copyOf(labels.subList(0, n)), scores, severity);
            }
            return new ShareWire.Answer(trig.descriptor().name(), trig.descriptor().version().toString(), unusual, fire,
                    System.nanoTime() - t0, classified);
        } finally {
            trig.release();
            if (cls != null) {
                cls.release();
            }
        }
    }

    private static LoadedModel acquire(Registry registry, String name) {
        LoadedModel m = acquireOrNull(registry, name);
        if (m == null) {
            throw new IllegalArgumentException("model " + name + " is not served here");
        }
        return m;
    }

    private static LoadedModel acquireOrNull(Registry registry, String name) {
        Registry.Slot slot = registry.slots().get(name);
        return slot == null ? null : slot.acquire();
    }

    private Runner fit(Runner r, LoadedModel m, float[] values) throws OrtException {
        Descriptor d = m.descriptor();
        if (!VibrationFeatures.NAME.equals(d.features()) || d.input().size() != values.length) {
            throw new IllegalArgumentException(d.name() + " " + d.version() + " takes " + d.input().size() + " "
                    + d.features() + " features, not " + values.length);
        }
        return Runner.fit(r, OrtEnvironment.getEnvironment(), d);
    }

    @Override
    public synchronized void close() {
        for (Runner r : new Runner[] {triggerRunner, classifierRunner}) {
            if (r != null) {
                r.close();
            }
        }
        triggerRunner = null;
        classifierRunner = null;
    }
}
