package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Turns a model bundle's three files into a {@link LoadedModel}, or refuses it with the first
 * reason found, in this order: the descriptor's rules, the model file's SHA-256, whether ONNX
 * Runtime can load the graph, the graph's input and output against the descriptor, and every test
 * vector within its tolerance. Nothing of a refused model stays open.
 */
final class Loader {

    /** Why a model bundle was refused; the message is the reason shown to the operator. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private final OrtEnvironment env;

    Loader(OrtEnvironment env) {
        this.env = env;
    }

    LoadedModel load(Descriptor d, byte[] onnx, String vectors, long bundleId) throws Refused {
        String actual = sha256(onnx);
        if (!actual.equals(d.sha256())) {
            throw new Refused("checksum: " + d.file() + " has SHA-256 " + actual + ", the descriptor says " + d.sha256());
        }
        OrtSession session;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, o);
        } catch (OrtException e) {
            throw new Refused("graph: ONNX Runtime cannot load " + d.file() + ": " + e.getMessage());
        }
        LoadedModel m = new LoadedModel(d, session, env, bundleId);
        try {
            check("input", session.getInputInfo(), d.input());
            check("output", session.getOutputInfo(), d.output());
            runVectors(m, vectors);
            return m;
        } catch (OrtException e) {
            m.retire();
            throw new Refused("graph: " + e.getMessage());
        } catch (Refused | RuntimeException e) {
            m.retire();
            throw e instanceof Refused r ? r : new Refused("test vectors: " + e.getMessage());
        }
    }

    private static void check(String kind, Map<String, NodeInfo> graph, Descriptor.Tensor declared) throws Refused {
        Set<String> names = graph.keySet();
        if (names.size() != 1 || !names.contains(declared.name())) {
            throw new Refused(kind + ": the graph has " + names + ", the descriptor says " + declared.name());
        }
        if (!(graph.get(declared.name()).getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new Refused(kind + " " + declared.name() + ": not a float32 tensor in the graph");
        }
        long[] shape = t.getShape();
        boolean same = shape.length == declared.shape().length;
        for (int i = 0; same && i < shape.length; i++) {
            same = shape[i] == declared.shape()[i] || shape[i] < 0 && declared.shape()[i] <= 1;
        }
        if (!same) {
            throw new Refused(kind + " " + declared.name() + ": the graph has shape " + java.util.Arrays.toString(shape)
                    + ", the descriptor says " + java.util.Arrays.toString(declared.shape()));
        }
    }

    private void runVectors(LoadedModel m, String json) throws Refused, OrtException {
        Descriptor d = m.descriptor();
        if (!(Json.parse(json) instanceof Map<?, ?> v) || !(v.get("tolerance") instanceof Double tol) || !(tol >= 0)
                || !(v.get("cases") instanceof List<?> cases) || cases.isEmpty()) {
            throw new Refused("test vectors: " + d.vectors() + " needs a tolerance and at least one case");
        }
        m.acquire();
        java.util.List<FaultCases.Case> faults = new java.util.ArrayList<>();
        try (Runner r = new Runner(env, d.input(), d.output())) {
            for (int c = 0; c < cases.size(); c++) {
                float[] in = vector(cases.get(c), "input", d.input().size(), c);
                float[] expected = vector(cases.get(c), "expected", d.output().size(), c);
                r.input().put(in);
                FloatBuffer out = r.run(m);
                for (int i = 0; i < expected.length; i++) {
                    float got = out.get(i);
                    if (!(Math.abs(got - expected[i]) <= tol)) {
                        throw new Refused("test vector " + c + ": output[" + i + "] = " + got + ", expected "
                                + expected[i] + " within " + tol);
                    }
                }
                int decision = FaultCases.decision(d, FloatBuffer.wrap(expected));
                if (decision != 0) {
                    faults.add(new FaultCases.Case(FaultCases.raw(d, in), decision));
                }
            }
            m.ownFaults(faults);
        } finally {
            m.release();
        }
    }

    private static float[] vector(Object testCase, String field, int size, int c) throws Refused {
        if (!(testCase instanceof Map<?, ?> m) || !(m.get(field) instanceof List<?> l) || l.size() != size) {
            throw new Refused("test vector " + c + ": " + field + " must be " + size + " numbers");
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            if (!(l.get(i) instanceof Double x)) {
                throw new Refused("test vector " + c + ": " + field + " must be " + size + " numbers");
            }
            out[i] = x.floatValue();
        }
        return out;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
