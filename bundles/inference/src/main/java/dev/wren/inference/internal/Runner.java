package dev.wren.inference.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs models of one input and one output shape on reused native buffers: the input tensor wraps
 * a direct buffer the caller fills, the output is pinned to another direct buffer, so a run
 * copies nothing and creates no tensor. Tensors belong to the environment, not to a session, so
 * one runner serves every version of a model with the same shapes. Not thread-safe: one per
 * thread or per pipeline lane.
 */
final class Runner implements AutoCloseable {

    private final FloatBuffer in;
    private final FloatBuffer out;
    private final OnnxTensor inTensor;
    private final OnnxTensor outTensor;
    private final Descriptor.Tensor inShape;
    private final Descriptor.Tensor outShape;
    private String inName = "";
    private String outName = "";
    private Map<String, OnnxTensor> inputs;
    private Map<String, OnnxTensor> outputs;

    Runner(OrtEnvironment env, Descriptor.Tensor input, Descriptor.Tensor output) throws OrtException {
        this.inShape = input;
        this.outShape = output;
        in = direct(input.size());
        out = direct(output.size());
        inTensor = OnnxTensor.createTensor(env, in, concrete(input.shape()));
        outTensor = OnnxTensor.createTensor(env, out, concrete(output.shape()));
    }

    /** @return {@code r} if models of {@code d}'s shapes run on it, else a new runner for them ({@code r} closed) */
    static Runner fit(Runner r, OrtEnvironment env, Descriptor d) throws OrtException {
        if (r != null && r.fits(d)) {
            return r;
        }
        if (r != null) {
            r.close();
        }
        return new Runner(env, d.input(), d.output());
    }

    /** Fills the input buffer with {@code raw} features normalised as {@code d} says: {@code (x - mean) / std}. */
    void normalise(Descriptor d, float[] raw) {
        float[] mean = d.mean();
        float[] std = d.std();
        for (int i = 0; i < raw.length; i++) {
            in.put(i, (raw[i] - mean[i]) / std[i]);
        }
    }

    /** @return whether models of {@code d}'s shapes can run here */
    boolean fits(Descriptor d) {
        return d.input().size() == inShape.size() && d.output().size() == outShape.size();
    }

    /** @return the input buffer, cleared: put {@link Descriptor.Tensor#size()} values, then {@link #run} */
    FloatBuffer input() {
        return in.clear();
    }

    /**
     * Runs {@code model}, which the caller holds acquired, on the input buffer's contents.
     *
     * @return the output buffer, positioned at 0
     */
    FloatBuffer run(LoadedModel model) throws OrtException {
        Descriptor d = model.descriptor();
        if (!d.input().name().equals(inName) || !d.output().name().equals(outName)) {
            inName = d.input().name();
            outName = d.output().name();
            inputs = Map.of(inName, inTensor);
            outputs = Map.of(outName, outTensor);
        }
        try (OrtSession.Result r = model.session().run(inputs, outputs)) {
            return out.clear();
        }
    }

    @Override
    public void close() {
        inTensor.close();
        outTensor.close();
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static long[] concrete(long[] shape) {
        long[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(s[i], 1);
        }
        return s;
    }
}
