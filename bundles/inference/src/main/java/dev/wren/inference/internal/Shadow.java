package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * Runs a slot's canary, if one is on trial, beside the serving version on the same input: first,
 * once, on the fault cases the slot keeps (recent inputs the serving version decided a fault on,
 * its own test vectors of faults), then on this input, and records whether it decided as the
 * serving version did ({@code decision}: the same side of the threshold for a trigger, the same
 * top label for a classifier). The same rules for every pipeline; one per lane, holding the
 * canary's runner. Not thread-safe.
 */
final class Shadow implements AutoCloseable {

    private final OrtEnvironment env;
    private Runner runner;

    Shadow(OrtEnvironment env) {
        this.env = env;
    }

    void run(Registry.Slot slot, float[] raw, int decision, long servingNanos) throws OrtException {
        LoadedModel canary = slot.acquireCanary();
        if (canary == null) {
            return;
        }
        try {
            runner = Runner.fit(runner, env, canary.descriptor());
            List<FaultCases.Case> replay = slot.replay(canary);
            if (!replay.isEmpty()) {
                int agreed = 0;
                for (FaultCases.Case c : replay) {
                    runner.normalise(canary.descriptor(), c.raw());
                    agreed += FaultCases.decision(canary.descriptor(), runner.run(canary)) == c.decision() ? 1 : 0;
                }
                slot.replayed(canary, agreed, replay.size());
                if (slot.canary() != canary) {
                    return;
                }
            }
            runner.normalise(canary.descriptor(), raw);
            long c0 = System.nanoTime();
            FloatBuffer s = runner.run(canary);
            long canaryNanos = System.nanoTime() - c0;
            slot.verdict(canary, FaultCases.decision(canary.descriptor(), s) == decision, decision != 0, canaryNanos,
                    servingNanos);
        } finally {
            canary.release();
        }
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
