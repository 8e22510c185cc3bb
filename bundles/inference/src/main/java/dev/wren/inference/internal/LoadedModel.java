package dev.wren.inference.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.wren.inference.Model;

/**
 * One validated model version with its open session. Callers {@link #acquire} it around each run;
 * {@link #retire} (its bundle left) closes the session once the last run in progress has
 * {@link #release released} it, so a swap never fails a call and never leaks a session.
 */
final class LoadedModel implements Model {

    private final Descriptor descriptor;
    private final OrtSession session;
    private final OrtEnvironment env;
    private final long bundleId;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean retired = new AtomicBoolean();
    private volatile java.util.List<FaultCases.Case> ownFaults = java.util.List.of();
    private volatile long stamp;
    private volatile boolean detached;

    LoadedModel(Descriptor descriptor, OrtSession session, OrtEnvironment env, long bundleId) {
        this.descriptor = descriptor;
        this.session = session;
        this.env = env;
        this.bundleId = bundleId;
    }

    Descriptor descriptor() {
        return descriptor;
    }

    OrtSession session() {
        return session;
    }

    long bundleId() {
        return bundleId;
    }

    /** @return when its bundle's content was installed or last updated ({@code Bundle.getLastModified}) */
    long stamp() {
        return stamp;
    }

    LoadedModel stamp(long lastModified) {
        stamp = lastModified;
        return this;
    }

    /** @return whether its bundle was updated in place since it was loaded: it lives on from memory */
    boolean detached() {
        return detached;
    }

    void detach() {
        detached = true;
    }

    /** @return the fault cases of its own test vectors: inputs on which it fires or names a fault */
    java.util.List<FaultCases.Case> ownFaults() {
        return ownFaults;
    }

    void ownFaults(java.util.List<FaultCases.Case> cases) {
        ownFaults = java.util.List.copyOf(cases);
    }

    /** @return false once retired and closed: take the current version again */
    boolean acquire() {
        for (int c = refs.get(); c > 0; c = refs.get()) {
            if (refs.compareAndSet(c, c + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        if (refs.decrementAndGet() == 0) {
            try {
                session.close();
            } catch (OrtException e) {
                // nothing left to do with a session that will not close
            }
        }
    }

    /** Drops the owner's reference, once; the session closes when no run holds it. */
    void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    /** @return whether the session has been closed */
    boolean closed() {
        return refs.get() == 0;
    }

    @Override
    public Info info() {
        return descriptor.info();
    }

    @Override
    public float[] run(float[] input) {
        if (input == null || input.length != descriptor.input().size()) {
            throw new IllegalArgumentException("input: must be " + descriptor.input().size() + " values, was "
                    + (input == null ? "null" : input.length));
        }
        for (float v : input) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("input: must be finite numbers, has " + v);
            }
        }
        if (!acquire()) {
            throw new IllegalStateException(descriptor.name() + " " + descriptor.version() + " was removed");
        }
        try (Runner r = new Runner(env, descriptor.input(), descriptor.output())) {
            r.input().put(input);
            float[] out = new float[descriptor.output().size()];
            r.run(this).get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(descriptor.name() + " " + descriptor.version() + " failed: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    @Override
    public String toString() {
        return descriptor.name() + " " + descriptor.version();
    }
}
