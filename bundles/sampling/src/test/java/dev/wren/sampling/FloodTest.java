package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;
import dev.wren.sensor.WindowSensor;

/** A read returning too much: readings past max.readings and oversized windows are dropped, counted and reported. */
class FloodTest {

    private static final int FLOOD = 10_000;

    @Test
    void aFloodIsCappedAtMaxReadingsAndTheRestCountedAndReportedOnce() throws Exception {
        Rig.Collecting sink = new Rig.Collecting();
        try (Rig rig = new Rig(Map.of())) {
            rig.sink(sink, "it.all", null);
            rig.sensor(new Rig.Counting("flood-it") {
                @Override
                public List<Reading> read() {
                    reads.incrementAndGet();
                    return IntStream.range(0, FLOOD).mapToObj(i -> new Reading("flood-it", "n", i, "", 1L)).toList();
                }
            }, 20);
            rig.await("three reads of the flooding sensor", () -> sink.batches.size() >= 3);
            for (List<Reading> batch : sink.batches) {
                assertEquals(256, batch.size(), "max.readings by default");
                assertEquals(255, batch.get(255).value(), "the first ones are passed on");
            }
            Matcher m = Pattern.compile("reads (\\d+) .*dropped (\\d+) reading\\(s\\), 0 window\\(s\\)").matcher(rig.line("flood-it"));
            assertTrue(m.find(), rig.sensors());
            assertEquals(Long.parseLong(m.group(1)) * (FLOOD - 256), Long.parseLong(m.group(2)), "every dropped reading counted");
            assertEquals(1, rig.logged("WARN", "Sensor flood-it returned 10000 readings in one read, more than max.readings 256"),
                    "one warning a minute: " + rig.log);
        }
    }

    @Test
    void theCapFollowsTheSetting() throws Exception {
        Rig.Collecting sink = new Rig.Collecting();
        try (Rig rig = new Rig(Map.of("max_readings", 1))) {
            rig.sink(sink, "it.all", null);
            rig.sensor(new Rig.Counting("pair-it") {
                @Override
                public List<Reading> read() {
                    return List.of(new Reading("pair-it", "a", 1, "", 1L), new Reading("pair-it", "b", 2, "", 1L));
                }
            }, 20);
            rig.await("two reads", () -> sink.batches.size() >= 2);
            assertEquals(List.of("a"), sink.batches.get(0).stream().map(Reading::quantity).toList());
        }
    }

    /** Answers the same array each read (the sink must not modify it). */
    static final class Windows implements WindowSensor {
        final float[] samples;
        private final String id;

        Windows(String id, int samples) {
            this.id = id;
            this.samples = new float[samples];
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Window readWindow() {
            return new Window(id, List.of("accel.x"), "g", System.currentTimeMillis(), 1000, samples);
        }
    }

    @Test
    void anOversizedWindowIsDroppedWithItsSummaryKeptAndOthersPassAsTheyAre() throws Exception {
        Windows big = new Windows("big-it", SensorTask.MAX_WINDOW_SAMPLES + 1);
        Windows small = new Windows("small-it", 3_000);
        List<Window> windows = new CopyOnWriteArrayList<>();
        Rig.Collecting sink = new Rig.Collecting() {
            @Override
            public void acceptWindow(Window window) {
                windows.add(window);
            }
        };
        try (Rig rig = new Rig(Map.of())) {
            rig.sink(sink, "it.all", null);
            rig.sensor(big, 50);
            rig.sensor(small, 50);
            rig.await("summaries of the big windows and two small windows",
                    () -> sink.of("big-it", "accel.x.rms") >= 2 && windows.size() >= 2);
            assertTrue(windows.stream().allMatch(w -> w.sensor().equals("small-it")), "a window over the limit passed");
            assertSame(small.samples, windows.get(0).samples(), "a window is passed on as it is");
            assertEquals(1, rig.logged("WARN", "Sensor big-it returned a window of 1048577 samples, more than 1048576"),
                    "one warning a minute: " + rig.log);
            assertTrue(rig.line("big-it").matches(".* ok .*dropped 0 reading\\(s\\), [1-9]\\d* window\\(s\\)"), rig.sensors());
        }
    }
}
