package dev.wren.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.wren.inference.Insight;

class InsightsTest {

    static Insight insight(String model, String label, long preNs, long inferNs, long postNs) {
        return new Insight("vibration", label, 0.5f, 1, model, "1.0.0", 1_000, 0, preNs, inferNs, postNs, false);
    }

    @Test
    void keepsTheLatestNewestFirstAndTheMedianOfEachStage() {
        Insights i = new Insights(2);
        i.accept(insight("trigger", "a", 1_000, 20_000, 300));
        i.accept(insight("trigger", "b", 3_000, 40_000, 100));
        i.accept(insight("trigger", "c", 2_000, 30_000, 200));
        assertEquals("c", i.latest().get(0).label());
        assertEquals(2, i.latest().size());
        assertArrayEquals(new double[] {2, 30, 0.2}, i.budget("trigger").medianMicros(), 1e-9);
        assertEquals(3, i.budget("trigger").count());
    }

    @Test
    void histogramsCountEachStageInItsBucket() {
        Insights i = new Insights(5);
        i.accept(insight("m", "x", 5_000, 2_000_000, 2_000_000_000L));
        long[] pre = i.budget("m").buckets(0);
        long[] infer = i.budget("m").buckets(1);
        long[] post = i.budget("m").buckets(2);
        assertEquals(1, pre[0], "5 us <= 10 us");
        assertEquals(1, infer[6], "2 ms <= 2.5 ms");
        assertEquals(1, post[Insights.BOUNDS.length], "2 s is above 1 s: +Inf");
        assertEquals(2.0, i.budget("m").sum(2), 1e-9);
    }
}
