package dev.wren.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wren.sensor.Reading;

class SeriesTest {

    private static List<float[]> points(Series s, long now) {
        List<float[]> out = new ArrayList<>();
        s.points(now, (t, mean) -> out.add(new float[] {t, mean}));
        return out;
    }

    @Test
    void eachBucketHoldsTheMeanOfItsReadingsAndTheRingForgetsWhatIsOlderThanTheWindow() {
        Series s = new Series("air", "temperature", 4, 1_000);
        s.add(20, "degC", 10_000);
        s.add(22, "degC", 10_500);
        s.add(30, "degC", 11_200);
        List<float[]> p = points(s, 11_900);
        assertEquals(2, p.size());
        assertEquals(10_000f, p.get(0)[0]);
        assertEquals(21f, p.get(0)[1], 1e-6);
        assertEquals(30f, p.get(1)[1], 1e-6);
        s.add(40, "degC", 14_100);
        assertEquals(List.of(11_000f, 14_000f), points(s, 14_100).stream().map(x -> x[0]).toList(), "10 s fell out of 4 s");
        Series.Latest l = s.latest();
        assertEquals(40, l.value());
        assertEquals(14_100, l.at());
        assertEquals(2_900, l.interval());
        assertEquals("degC", l.unit());
    }

    @Test
    void aLateReadingNeverOverwritesANewerBucketOrTheLatestValue() {
        Series s = new Series("air", "temperature", 2, 1_000);
        s.add(5, "degC", 10_000);
        s.add(7, "degC", 12_000);
        s.add(99, "degC", 10_100);
        assertEquals(7, s.latest().value());
        assertEquals(List.of(7f), points(s, 12_000).stream().map(x -> x[1]).toList());
    }

    @Test
    void readingsAreBoundedInSeriesAndTheRestIsCountedAsDropped() {
        Readings r = new Readings(2, 60, 1_000);
        long t = 1_000_000;
        r.accept(List.of(new Reading("a", "x", 1, "", t), new Reading("a", "y", 2, "", t),
                new Reading("b", "z", 3, "", t), new Reading("b", Reading.QUALITY, 0, "", t)));
        assertEquals(2, r.seriesCount());
        assertEquals(1, r.dropped());
        assertEquals(List.of("a"), r.sensors());
        assertEquals(0.0, r.quality("b"));
        assertTrue(r.bytes() > 0 && r.bytes() <= 2 * 60 * 16, "bytes " + r.bytes());
        r.forget("a");
        r.accept(List.of(new Reading("b", "z", 3, "", t)));
        assertEquals(1, r.seriesCount());
        assertEquals(List.of("b"), r.sensors());
    }
}
