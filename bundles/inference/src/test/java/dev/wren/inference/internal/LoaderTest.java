package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of real model files, and what each kind of damage is refused with. */
class LoaderTest {

    private static final Fixtures.Files CLASSIFIER = Fixtures.model("vibration-classifier");

    @ParameterizedTest
    @ValueSource(strings = {"vibration-trigger", "vibration-trigger-int8", "vibration-classifier",
            "vibration-classifier-int8"})
    void everyShippedModelPassesItsOwnChecks(String name) throws Exception {
        LoadedModel m = Fixtures.model(name).load(1);
        try {
            assertEquals(name, m.info().name());
            assertEquals(24, m.info().inputSize());
            float[] out = m.run(new float[24]);
            assertEquals(m.info().outputSize(), out.length);
        } finally {
            m.retire();
        }
        assertTrue(m.closed());
    }

    @Test
    void aWrongChecksumIsRefused() {
        byte[] tampered = CLASSIFIER.onnx().clone();
        tampered[tampered.length / 2] ^= 1;
        Loader.Refused e = assertThrows(Loader.Refused.class,
                () -> new Fixtures.Files(CLASSIFIER.descriptor(), tampered, CLASSIFIER.vectors()).load(1));
        assertTrue(e.getMessage().startsWith("checksum: model.onnx has SHA-256 "), e.getMessage());
    }

    @Test
    void anUnreadableGraphIsRefused() {
        byte[] garbage = "not a graph at all".getBytes();
        String json = CLASSIFIER.descriptor().replace(CLASSIFIER.parsed().sha256(), Loader.sha256(garbage));
        Loader.Refused e = assertThrows(Loader.Refused.class,
                () -> new Fixtures.Files(json, garbage, CLASSIFIER.vectors()).load(1));
        assertTrue(e.getMessage().startsWith("graph: ONNX Runtime cannot load model.onnx"), e.getMessage());
    }

    @Test
    void aGraphThatDoesNotMatchItsDescriptorIsRefused() {
        String renamed = CLASSIFIER.descriptor().replace("\"scores\"", "\"probabilities\"");
        Loader.Refused e = assertThrows(Loader.Refused.class,
                () -> new Fixtures.Files(renamed, CLASSIFIER.onnx(), CLASSIFIER.vectors()).load(1));
        assertEquals("output: the graph has [scores], the descriptor says probabilities", e.getMessage());

        Fixtures.Files trigger = Fixtures.model("vibration-trigger");
        String wider = CLASSIFIER.descriptor().replace(CLASSIFIER.parsed().sha256(), trigger.parsed().sha256());
        e = assertThrows(Loader.Refused.class, () -> new Fixtures.Files(wider, trigger.onnx(), CLASSIFIER.vectors()).load(1));
        assertTrue(e.getMessage().startsWith("output scores: the graph has shape [1, 1], the descriptor says [1, 4]"),
                e.getMessage());
    }

    @Test
    void failingTestVectorsAreRefused() {
        String vectors = CLASSIFIER.vectors().replaceFirst("\"expected\"\\s*:\\s*\\[\\s*", "\"expected\":[0.5");
        vectors = vectors.replaceFirst("\\[0\\.5[-0-9.eE]*", "[0.5");
        String broken = vectors;
        Loader.Refused e = assertThrows(Loader.Refused.class,
                () -> new Fixtures.Files(CLASSIFIER.descriptor(), CLASSIFIER.onnx(), broken).load(1));
        assertTrue(e.getMessage().startsWith("test vector 0: output[0] = "), e.getMessage());
    }

    @Test
    void descriptorRulesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Descriptor.parse(CLASSIFIER.descriptor().replace("\"classifier\"", "\"regressor\"")));
        assertEquals("role: must be trigger or classifier, was 'regressor'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Descriptor.parse("{\"name\":\"x\"}"));
        assertEquals("version: required text", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Descriptor.parse("[1,2"));
        assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
    }

    @Test
    void runRejectsBadInputAndAnswersLikeTheTestVectors() throws Exception {
        LoadedModel m = CLASSIFIER.load(1);
        try {
            assertThrows(IllegalArgumentException.class, () -> m.run(new float[23]));
            float[] nan = new float[24];
            nan[3] = Float.NaN;
            assertThrows(IllegalArgumentException.class, () -> m.run(nan));
            float[] a = m.run(new float[24]);
            assertArrayEquals(a, m.run(new float[24]));
            assertEquals(1.0, sum(a), 1e-4, "softmax scores: " + Arrays.toString(a));
        } finally {
            m.retire();
        }
        assertThrows(IllegalStateException.class, () -> m.run(new float[24]));
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
