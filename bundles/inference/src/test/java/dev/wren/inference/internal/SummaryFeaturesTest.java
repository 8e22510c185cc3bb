package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.wren.inference.features.SummaryFeatures;

/** The summary-v1 numbers, against values worked out by hand. */
class SummaryFeaturesTest {

    @Test
    void meanStdRangeAndSlopePerMinute() {
        SummaryFeatures f = new SummaryFeatures(2, 60_000);
        for (int s = 0; s <= 120; s += 30) {
            f.add(0, 60_000 + s * 1000L, 20 + s / 30.0);
        }
        f.add(1, 60_000, 5);
        float[] out = new float[SummaryFeatures.count(2)];
        f.compute(out, 0);
        // 20, 21, 22, 23, 24 over 0 to 2 minutes: slope 2 per minute, population std sqrt(2)
        assertArrayEquals(new float[] {22, (float) Math.sqrt(2), 20, 24, 2, 5, 0, 5, 5, 0}, out, 1e-5f);
        assertEquals(1, f.fewest());
        f.reset(0);
        assertThrows(IllegalStateException.class, () -> f.compute(out, 0));
        assertThrows(IllegalArgumentException.class, () -> f.add(0, 0, Double.NaN));
    }
}
