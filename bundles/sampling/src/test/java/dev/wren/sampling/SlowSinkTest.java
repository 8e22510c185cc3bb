package dev.wren.sampling;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/**
 * A sink slower than sink.slow.ms moves to its own thread and queue; a full queue drops for that sink
 * alone; the other sinks keep being called synchronously on the sampler's threads.
 */
class SlowSinkTest {

    private static final Map<String, Object> CONFIG = Map.of("sink_slow_ms", 500L);

    /** Sleeps 1.5 s on its first call, then blocks (interruptibly) until released. */
    static final class Slow implements ReadingSink {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocking = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Double> values = new CopyOnWriteArrayList<>();
        volatile Thread lane;

        @Override
        public void accept(List<Reading> readings) {
            threads.add(Thread.currentThread().getName());
            values.add(readings.get(0).value());
            try {
                if (calls.incrementAndGet() == 1) {
                    Thread.sleep(1_500);
                } else {
                    lane = Thread.currentThread();
                    blocking.countDown();
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aSlowSinkMovesToItsOwnThreadInOrderWhileAFastSinkKeepsReceivingSynchronously() throws Exception {
        Slow slow = new Slow();
        Rig.Collecting fast = new Rig.Collecting();
        try (Rig rig = new Rig(CONFIG)) {
            ServiceReference<ReadingSink> slowRef = rig.sink(slow, "it.slow", "(sensor.id=steady-it)");
            ServiceReference<ReadingSink> fastRef = rig.sink(fast, "it.fast", null);
            rig.sensor(new Rig.Counting("steady-it"), 20);
            try {
                assertTrue(slow.blocking.await(10, SECONDS), "the slow sink called again");
                String name = Rig.name(slowRef);
                assertEquals(1, rig.logged("WARN", "Sink " + name + " took "), rig.log.toString());
                assertTrue(slow.threads.get(0).startsWith("wren-sampler-"), slow.threads.toString());
                assertEquals("wren-sink-" + name, slow.threads.get(1), "its own thread, named after it");
                long before = fast.of("steady-it", "temperature");
                rig.await("20 more batches for the fast sink while the slow one is blocked",
                        () -> fast.of("steady-it", "temperature") >= before + 20);
                assertEquals(2, slow.calls.get());
                assertTrue(fast.threads.stream().allMatch(t -> t.startsWith("wren-sampler-")), "the fast sink moved");
                assertTrue(rig.line(name).contains(" queued, queue "), rig.sensors());
                assertFalse(rig.line(Rig.name(fastRef)).contains("queued"), rig.sensors());
            } finally {
                slow.release.countDown();
            }
            rig.await("the slow sink catching up from its queue", () -> slow.calls.get() >= 20);
            List<Double> seen = new ArrayList<>(slow.values);
            assertEquals(seen.stream().sorted().toList(), seen, "batches out of order");
            rig.sampler.removeSink(slowRef);
            rig.await("the slow sink's thread ended with its removal", () -> !slow.lane.isAlive());
        }
    }

    @Test
    void aFullQueueDropsForThatSinkAloneCountsAndWarnsOnce() throws Exception {
        Slow slow = new Slow();
        Rig.Collecting fast = new Rig.Collecting();
        try (Rig rig = new Rig(CONFIG)) {
            ServiceReference<ReadingSink> slowRef = rig.sink(slow, "it.slow", null);
            rig.sink(fast, "it.fast", null);
            rig.sensor(new Rig.Counting("steady-it"), 10);
            String name = Rig.name(slowRef);
            Pattern dropped = Pattern.compile("queue (\\d+)/64, dropped (\\d+)");
            try {
                assertTrue(slow.blocking.await(10, SECONDS));
                rig.await("a full queue and batches dropped", () -> {
                    Matcher m = dropped.matcher(rig.line(name));
                    return m.find() && m.group(1).equals("64") && Long.parseLong(m.group(2)) >= 10;
                });
                assertEquals(1, rig.logged("WARN", "Sink " + name + " does not keep up: its queue of 64 batches is full"),
                        rig.log.toString());
                long before = fast.of("steady-it", "temperature");
                rig.await("the fast sink still receiving", () -> fast.of("steady-it", "temperature") >= before + 10);
                assertEquals(2, slow.calls.get(), "the slow sink is still in its second call");
                assertTrue(rig.line(Rig.name(slowRef)).contains("delivered 1 "), rig.sensors());
            } finally {
                rig.sampler.removeSink(slowRef);
            }
            rig.await("the blocked sink's thread ended with its removal", () -> !slow.lane.isAlive());
            assertEquals(2, slow.calls.get(), "called after its removal");
        }
    }

    @Test
    void deactivatingTheSamplerEndsTheLanes() throws Exception {
        Slow slow = new Slow();
        Rig rig = new Rig(CONFIG);
        rig.sink(slow, "it.slow", null);
        rig.sensor(new Rig.Counting("steady-it"), 20);
        assertTrue(slow.blocking.await(10, SECONDS));
        assertTrue(slow.lane.getName().startsWith("wren-sink-it.slow#"), slow.lane.getName());
        rig.close();
        rig.await("the lane ended at deactivation", () -> !slow.lane.isAlive());
    }
}
