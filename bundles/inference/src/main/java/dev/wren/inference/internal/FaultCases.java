package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs on which a model decided "fault" (a trigger fired; a classifier chose a label other than
 * its first, normal), kept as raw features with that decision: what a canary must decide the same
 * way. A canary that agrees on the quiet majority of live windows but not on these is a model
 * that misses faults. Bounded: the newest {@value #CAPACITY} are kept. Thread-safe.
 */
final class FaultCases {

    /** One input, as raw (not normalised) features, and the decision the serving model made on it. */
    record Case(float[] raw, int decision) {
    }

    static final int CAPACITY = 64;

    private final Case[] ring = new Case[CAPACITY];
    private int next;
    private int size;

    synchronized void add(float[] raw, int decision) {
        ring[next] = new Case(raw.clone(), decision);
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    synchronized List<Case> snapshot() {
        List<Case> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(next - size + i + CAPACITY) % CAPACITY]);
        }
        return out;
    }

    /** @return the model's decision on its output: 1 fired or 0 (trigger), the top label's index (classifier) */
    static int decision(Descriptor d, FloatBuffer out) {
        if (d.role().equals(Descriptor.TRIGGER)) {
            return out.get(0) >= d.threshold() ? 1 : 0;
        }
        int best = 0;
        for (int i = 1, n = d.labels().size(); i < n; i++) {
            if (out.get(i) > out.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** @return the raw features of an input normalised by {@code d} */
    static float[] raw(Descriptor d, float[] normalised) {
        float[] raw = new float[normalised.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = normalised[i] * d.std()[i] + d.mean()[i];
        }
        return raw;
    }
}
