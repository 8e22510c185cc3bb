package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.power.PowerMode;
import dev.wren.sensor.Window;

/** The pipeline on the simulated machine's vibration, through the real models, window by window. */
class LaneTest {

    static final int FRAMES = 1024;
    static final int CHUNK = 100;

    private final Registry registry = new Registry((n, w) -> { });
    private final Counters counters = new Counters();
    private final List<Insight> insights = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Window> suspects = new CopyOnWriteArrayList<>();
    private volatile boolean keep = true;
    private volatile PowerMode mode = PowerMode.FULL;
    private Lane lane;

    @BeforeEach
    void models() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        registry.add(Fixtures.model("vibration-trigger").load(1));
        registry.add(Fixtures.model("vibration-classifier").load(2));
        lane = lane(new Lane.Thinning(4, 0));
    }

    private Lane lane(Lane.Thinning thinning) {
        return new Lane("pump", FRAMES, OrtEnvironment.getEnvironment(), registry.slot("vibration-trigger"),
                registry.slot("vibration-classifier"), new Decision(3, 0.15), counters, new Lane.Out() {
                    @Override
                    public void insight(Insight insight) {
                        if (keep) {
                            insights.add(insight);
                        }
                    }

                    @Override
                    public void failed(String sensor, String why, Throwable cause) {
                        failures.add(why);
                    }

                    @Override
                    public boolean wantsSuspects() {
                        return keep;
                    }

                    @Override
                    public void suspect(Insight insight, Window window) {
                        suspects.add(window);
                    }
                }, () -> mode, thinning);
    }

    @AfterEach
    void close() {
        lane.close();
        registry.close();
    }

    @ParameterizedTest
    @EnumSource(Vibration.Condition.class)
    void eachConditionIsRecognisedAfterTheDebounce(Vibration.Condition condition) {
        feed(new Vibration(11).condition(condition).shaftHz(27), 8 * FRAMES, 0);
        assertEquals(List.of(), failures);
        assertEquals(8, insights.size());
        Insight last = insights.get(insights.size() - 1);
        assertEquals(condition.name().toLowerCase(java.util.Locale.ROOT), last.label(), insights.toString());
        assertTrue(last.preNanos() > 0 && last.inferNanos() > 0, last.toString());
        long changes = insights.stream().filter(Insight::changed).count();
        assertEquals(condition == Vibration.Condition.NORMAL ? 1 : 2, changes, "the first insight, then one change: "
                + insights);
    }

    @Test
    void inMinimalModeOnlyEveryFourthWindowIsAnalysedAndByTheTriggerAlone() {
        mode = PowerMode.MINIMAL;
        feed(new Vibration(11).condition(Vibration.Condition.BEARING_FAULT), 8 * FRAMES, 0);
        assertEquals(2, insights.size(), insights.toString());
        assertEquals(6, counters.skipped.sum());
        for (Insight i : insights) {
            assertEquals("unusual", i.label());
            assertEquals(2, i.severity());
            assertEquals("vibration-trigger", i.model());
        }
        mode = PowerMode.FULL;
        feed(new Vibration(11).condition(Vibration.Condition.BEARING_FAULT), 4 * FRAMES, 8.192);
        assertEquals("bearing_fault", insights.get(insights.size() - 1).label(), "the classifier is back in FULL");
    }

    @Test
    void inFullModeTheWindowsTheTriggerFiresOnGoUpstreamRaw() {
        Vibration v = new Vibration(11).condition(Vibration.Condition.BEARING_FAULT);
        feed(v, 4 * FRAMES, 0);
        assertEquals(List.of(), failures);
        assertEquals(4, counters.triggered.sum());
        assertEquals(4, suspects.size());
        Window last = suspects.get(3);
        assertEquals(List.of("accel.x", "accel.y", "accel.z"), last.channels());
        assertEquals(FRAMES, last.frames());
        assertEquals(3 * FRAMES, last.start());
        assertEquals(insights.get(3).timestamp(), last.start() + FRAMES);
        assertArrayEquals(samples(v, 3 * FRAMES / 1000.0, FRAMES), last.samples(), 1e-6f,
                "the analysis window's samples, as fed");
        assertTrue(suspects.get(2).samples() != last.samples(), "each window its own copy");

        mode = PowerMode.DEGRADED;
        feed(v, 4 * FRAMES, 4 * FRAMES / 1000.0);
        mode = PowerMode.MINIMAL;
        feed(v, 8 * FRAMES, 8 * FRAMES / 1000.0);
        assertEquals(4, suspects.size(), "only in FULL");
        assertEquals(4, counters.suspects.sum());
    }

    @Test
    void rawWindowsAreThinnedOutByTheIntervalAndNormalOnesStayHome() {
        lane.close();
        lane = lane(new Lane.Thinning(4, 3_000));
        feed(new Vibration(11).condition(Vibration.Condition.IMBALANCE), 8 * FRAMES, 0);
        assertEquals(8, counters.triggered.sum());
        assertEquals(List.of(0L, 3 * FRAMES + 0L, 6 * FRAMES + 0L), suspects.stream().map(Window::start).toList(),
                "1.024 s windows, one raw window per 3 s at most");
        suspects.clear();
        feed(new Vibration(11), 8 * FRAMES, 8 * FRAMES / 1000.0);
        assertEquals(List.of(), suspects, "the trigger does not fire on a healthy machine");
    }

    @Test
    void badWindowsAreRejectedCountedAndThePipelineGoesOn() {
        float[] nan = new float[CHUNK * 3];
        nan[7] = Float.NaN;
        assertFalse(lane.add(3, nan, 1000, 0));
        assertFalse(lane.add(2, new float[CHUNK * 2], 1000, 0));
        assertFalse(lane.add(3, new float[] {1, 2, Float.POSITIVE_INFINITY}, 1000, 0));
        assertEquals(3, counters.rejected.sum());
        feed(new Vibration(3), 2 * FRAMES, 0);
        assertEquals(2, insights.size());
    }

    @Test
    void aSteadyWindowAllocatesLittleBesidesItsInsight() {
        Vibration v = new Vibration(5).condition(Vibration.Condition.BEARING_FAULT);
        float[] window = samples(v, 0, FRAMES);
        keep = false;
        for (int i = 0; i < 2_000; i++) {
            lane.add(3, window, 1000, i);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            lane.add(3, window, 1000, i);
        }
        long perWindow = (threads.getThreadAllocatedBytes(id) - before) / n;
        System.out.println("allocated per analysis window (trigger and classifier ran): " + perWindow + " bytes");
        assertTrue(perWindow < 1_536, perWindow + " bytes per window: ONNX Runtime's run allocates about 540 bytes"
                + " each, the insight about 90");
    }

    private void feed(Vibration v, int frames, double t0) {
        for (int f = 0; f < frames; f += CHUNK) {
            int n = Math.min(CHUNK, frames - f);
            float[] chunk = samples(v, t0 + f / 1000.0, n);
            assertTrue(lane.add(3, chunk, 1000, Math.round((t0 + (f + n) / 1000.0) * 1000)));
        }
    }

    static float[] samples(Vibration v, double t0, int frames) {
        float[] out = new float[frames * 3];
        double[] a = new double[3];
        for (int i = 0; i < frames; i++) {
            v.accel(t0 + i / 1000.0, a);
            out[3 * i] = (float) a[0];
            out[3 * i + 1] = (float) a[1];
            out[3 * i + 2] = (float) a[2];
        }
        return out;
    }
}
