package dev.wren.models.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Same seeds, same bytes: the data, the fit and the files. */
class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameWindows() {
        Dataset a = Dataset.generate(5, 50);
        Dataset b = Dataset.generate(5, 50);
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.features()[i], b.features()[i]);
        }
    }

    /** Trains again, from scratch, and compares with the content the other tests use. */
    @ParameterizedTest
    @EnumSource(Recipe.class)
    void trainingTwiceGivesIdenticalFiles(Recipe recipe) {
        ModelBundle again = ModelBundle.build(recipe);
        ModelBundle first = Fits.bundle(recipe);
        assertArrayEquals(first.onnx(), again.onnx());
        assertEquals(first.descriptor(), again.descriptor());
        assertEquals(first.vectors(), again.vectors());
    }
}
