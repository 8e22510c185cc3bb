package dev.wren.models.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The descriptor says what the runtime extender reads, and agrees with the model file. */
class DescriptorTest {

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void theDescriptorDescribesTheModel(Recipe recipe) {
        ModelBundle bundle = Fits.bundle(recipe);
        Map<String, Object> d = JsonReader.object(bundle.descriptor());
        assertEquals(List.of("name", "version", "role", "precision", "features", "file", "sha256", "inputs", "outputs",
                "labels", recipe.role == Role.CLASSIFIER ? "severity" : "normalisation"),
                List.copyOf(d.keySet()).subList(0, 11));
        assertEquals(recipe.modelName, d.get("name"));
        assertEquals(recipe.version, d.get("version"));
        assertEquals(recipe.role.id, d.get("role"));
        assertEquals(recipe.int8 ? "int8" : "fp32", d.get("precision"));
        assertEquals("vibration-v1", d.get("features"));
        assertEquals(ModelBundle.sha256(bundle.onnx()), d.get("sha256"));
        assertEquals(recipe.role.labels, d.get("labels"));
        Map<?, ?> norm = (Map<?, ?>) d.get("normalisation");
        assertEquals(24, JsonReader.floats(norm.get("mean")).length);
        for (float s : JsonReader.floats(norm.get("std"))) {
            assertTrue(s > 0);
        }
        Map<?, ?> output = (Map<?, ?>) ((List<?>) d.get("outputs")).get(0);
        assertEquals(List.of(1.0, (double) recipe.role.outputs()), output.get("shape"));
        Map<?, ?> thresholds = (Map<?, ?>) d.get("thresholds");
        double threshold = (Double) thresholds.get(recipe.role == Role.TRIGGER ? "fire" : "min.score");
        assertTrue(threshold > 0 && threshold < 1);
        Map<?, ?> accuracy = (Map<?, ?>) d.get("accuracy");
        System.out.printf("%s: %d bytes of ONNX, thresholds %s, accuracy %s%n", recipe.modelName, bundle.onnx().length,
                thresholds, accuracy);
        assertEquals(1000.0, accuracy.get("samples"));
        if (recipe.variant != Recipe.Variant.HONEST) {
            assertTrue((Double) accuracy.get("heldout") <= 0.35, "the descriptor tells the truth about a worse model");
            return;
        }
        assertTrue((Double) accuracy.get("heldout") >= 0.9);
        if (recipe.role == Role.TRIGGER) {
            assertTrue((Double) accuracy.get("recall") >= 0.98);
            assertTrue((Double) accuracy.get("false.positive.rate") <= 0.1);
        } else {
            assertEquals(Map.of("normal", 0.0, "imbalance", 2.0, "misalignment", 2.0, "bearing_fault", 3.0),
                    d.get("severity"));
        }
    }
}
