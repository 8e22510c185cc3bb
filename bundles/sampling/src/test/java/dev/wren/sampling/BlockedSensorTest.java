package dev.wren.sampling;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorEvents;

/**
 * A read that blocks is reported by the sensor's id and faulted, the sensor is not read again until the
 * read returns, and the other sensors keep their schedule on a spare thread, given back afterwards.
 */
class BlockedSensorTest {

    /** Blocks in its first read until released, answering "late" then; answers at once afterwards. */
    static final class Hanging implements Sensor {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();
        private final String id;

        Hanging(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<Reading> read() {
            if (reads.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(new Reading(id, "late", 1, "", System.currentTimeMillis()));
            }
            return List.of(new Reading(id, "temperature", 20, "degC", System.currentTimeMillis()));
        }
    }

    @Test
    void aBlockedReadIsReportedByIdWhileTheOtherSensorKeepsItsScheduleAndItsLateResultIsDiscarded() throws Exception {
        Hanging hang = new Hanging("hang-it");
        Rig.Counting steady = new Rig.Counting("steady-it");
        Rig.Collecting sink = new Rig.Collecting();
        try (Rig rig = new Rig(Map.of("threads", 1, "read_timeout_ms", 300L))) {
            rig.sink(sink, "it.all", null);
            rig.sensor(steady, 20);
            rig.sensor(hang, 20);
            try {
                assertTrue(hang.entered.await(10, SECONDS), "the first read of hang-it");
                rig.await("the blocked read reported by the sensor's id",
                        () -> rig.logged("WARN", "Sensor hang-it: read blocked for") == 1);
                long before = sink.of("steady-it", "temperature");
                rig.await("20 more reads of the other sensor on the only configured thread's spare",
                        () -> sink.of("steady-it", "temperature") >= before + 20);
                rig.await("a quality reading of 0 for the blocked sensor", () -> sink.of("hang-it", Reading.QUALITY) == 1);
                assertEquals(1, hang.reads.get(), "not read again while its read is blocked");
                List<Event> faulted = rig.events(SensorEvents.TOPIC_FAULTED, "hang-it");
                assertEquals(1, faulted.size(), "FAULTED once: " + rig.events);
                assertEquals("TIMEOUT", faulted.get(0).getProperty(SensorEvents.FAULT));
                assertTrue(rig.line("hang-it").contains(" BLOCKED "), rig.sensors());
                assertTrue(rig.sensors().contains(", 1 spare thread(s) for blocked reads"), rig.sensors());
                assertEquals(2, rig.corePoolSize());
            } finally {
                hang.release.countDown();
            }
            rig.await("the late result discarded and logged",
                    () -> rig.logged("INFO", "Sensor hang-it: the read declared blocked returned after") == 1);
            rig.await("the sensor recovered on its next read", () -> rig.events(SensorEvents.TOPIC_RECOVERED, "hang-it")
                    .size() == 1 && sink.of("hang-it", "temperature") > 0);
            assertEquals(0, sink.of("hang-it", "late"), "what the blocked read returned reached a sink");
            rig.await("the spare thread given back", () -> poolSize(rig) == 1);
            assertFalse(rig.sensors().contains("spare"), rig.sensors());
            assertTrue(rig.line("hang-it").contains("blocked reads 1, discarded 1"), rig.sensors());
        }
    }

    @Test
    void sparesAreCappedAtTheThreadCountAndGivenBackWhenTheReadsReturn() throws Exception {
        Hanging a = new Hanging("hang-a");
        Hanging b = new Hanging("hang-b");
        try (Rig rig = new Rig(Map.of("threads", 1, "read_timeout_ms", 200L))) {
            try {
                rig.sensor(a, 20);
                assertTrue(a.entered.await(10, SECONDS));
                rig.await("hang-a reported, with a spare", () -> rig.logged("WARN", "Sensor hang-a: read blocked for") == 1
                        && rig.logged("WARN", "the other sensors get a spare thread") == 1);
                rig.sensor(b, 20);
                assertTrue(b.entered.await(10, SECONDS), "hang-b read on the spare thread");
                rig.await("hang-b reported, with no spare left", () -> rig.logged("WARN", "Sensor hang-b: read blocked for")
                        == 1 && rig.logged("WARN", "no spare thread left for the others") == 1);
                assertEquals(2, rig.corePoolSize(), "one configured thread, one spare at most");
                assertTrue(rig.sensors().contains(", 1 spare thread(s)"), rig.sensors());
            } finally {
                a.release.countDown();
                b.release.countDown();
            }
            rig.await("both reads back, the spare given back", () -> poolSize(rig) == 1
                    && rig.logged("INFO", "returned after") == 2);
            rig.await("both read again", () -> a.reads.get() > 1 && b.reads.get() > 1);
        }
    }

    @Test
    void aRestartDuringABlockedReadStartsNoSecondReadOfThatSensor() throws Exception {
        Hanging hang = new Hanging("hang-it");
        Rig.Counting steady = new Rig.Counting("steady-it");
        Rig.Collecting sink = new Rig.Collecting();
        Map<String, Object> config = Map.of("threads", 1, "read_timeout_ms", 200L);
        try (Rig rig = new Rig(config)) {
            rig.sink(sink, "it.all", null);
            rig.sensor(steady, 20);
            rig.sensor(hang, 20);
            try {
                assertTrue(hang.entered.await(10, SECONDS));
                rig.await("hang-it reported", () -> rig.logged("WARN", "Sensor hang-it: read blocked for") == 1);
                rig.sampler.modified(Rig.config(config));
                long before = sink.of("steady-it", "temperature");
                rig.await("10 more reads of the other sensor after the restart",
                        () -> sink.of("steady-it", "temperature") >= before + 10);
                assertEquals(1, hang.reads.get(), "read again while its read is blocked");
            } finally {
                hang.release.countDown();
            }
            rig.await("hang-it back on its schedule after its read returned", () -> hang.reads.get() >= 3);
        }
    }

    private static int poolSize(Rig rig) {
        try {
            return rig.corePoolSize();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
