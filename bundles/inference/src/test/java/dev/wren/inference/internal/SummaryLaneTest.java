package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.inference.Insight;
import dev.wren.sensor.Reading;

/** A summary-v1 model on one sensor's readings, run by ONNX Runtime, under the canary rules of every model. */
class SummaryLaneTest {

    private static final String SENSOR = "(sensor.kind=bme280)";

    private final List<CanaryVerdict> verdicts = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry(new Registry.Listener() {
        @Override
        public void changed(String name, String what) {
        }

        @Override
        public void judged(CanaryVerdict verdict) {
            verdicts.add(verdict);
        }
    });
    private final List<Insight> insights = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private SummaryLane lane;
    private long t = 1_700_000_000_000L;

    private SummaryLane lane(String model) {
        Consumes c = registry.slot(model).serving().descriptor().consumes();
        lane = new SummaryLane("air", registry.slot(model), c, OrtEnvironment.getEnvironment(), counters,
                new ModelRun.Out() {
                    @Override
                    public void insight(Insight insight) {
                        insights.add(insight);
                    }

                    @Override
                    public void failed(String sensor, String model, String why) {
                        failures.add(model + ": " + why);
                    }
                });
        return lane;
    }

    /** One reading a second of {@code quantity} at {@code value}, for {@code seconds}, with the other quantities of a BME280. */
    private void feed(String quantity, double value, int seconds) {
        for (int s = 0; s < seconds; s++, t += 1000) {
            List<Reading> batch = new ArrayList<>();
            batch.add(new Reading("air", "pressure", 101_325, "Pa", t));
            batch.add(new Reading("air", quantity, value, "degC", t));
            lane.add(batch);
        }
    }

    @AfterEach
    void close() {
        if (lane != null) {
            lane.close();
        }
        registry.close();
    }

    @Test
    void eachClosedWindowIsOneInsightWithItsTimeSplit() throws Exception {
        registry.add(SummaryModels.above("overheat", "1.0.0", SENSOR, "temperature", 60, 10, 0).load(1));
        lane("overheat");
        long t0 = 1_700_000_000_000L - 1_700_000_000_000L % 10_000;
        t = t0;
        feed("temperature", 25, 30);
        feed("temperature", 80, 21);
        assertEquals(List.of("normal", "normal", "normal", "unusual", "unusual"), insights.stream().map(Insight::label).toList());
        Insight hot = insights.get(3);
        assertEquals(2, hot.severity());
        assertTrue(hot.changed() && !insights.get(4).changed());
        assertEquals("overheat", hot.model());
        assertEquals(t0 + 40_000, hot.timestamp(), "the window [30 s, 40 s) ends on a multiple of 10 s");
        assertTrue(hot.preNanos() > 0 && hot.inferNanos() > 0 && hot.postNanos() >= 0);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aWindowWithTooFewReadingsIsSkippedAndALateReadingDropped() throws Exception {
        registry.add(SummaryModels.above("overheat", "1.0.0", SENSOR, "temperature", 60, 10, 0).load(1));
        lane("overheat");
        t = 1_700_000_000_000L - 1_700_000_000_000L % 10_000;
        feed("temperature", 25, 1);
        t += 10_000;
        feed("temperature", 25, 10);
        assertEquals(1, counters.skipped.sum(), "the window of one reading (min.readings 2)");
        lane.add(List.of(new Reading("air", "temperature", 25, "degC", t - 30_000)));
        assertEquals(1, counters.rejected.sum());
        feed("temperature", 25, 1);
        assertEquals(1, insights.size());
    }

    @Test
    void aCanaryThatNeverFiresIsRolledBackOnTheFaultsTheServingVersionSaw() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), true, 5, 0.9));
        registry.add(SummaryModels.above("overheat", "1.0.0", SENSOR, "temperature", 60, 10, 0).load(1));
        lane("overheat");
        feed("temperature", 80, 40);
        registry.add(SummaryModels.above("overheat", "1.1.0", SENSOR, "temperature", 60, 10, -1000).load(2));
        assertEquals("1.1.0", registry.slot("overheat").canary().descriptor().version().toString());
        feed("temperature", 80, 20);
        assertEquals(1, verdicts.size(), verdicts.toString());
        assertFalse(verdicts.get(0).promoted());
        assertEquals("1.0.0", registry.slot("overheat").serving().descriptor().version().toString());
        assertTrue(insights.stream().allMatch(i -> i.modelVersion().equals("1.0.0")));
    }
}
