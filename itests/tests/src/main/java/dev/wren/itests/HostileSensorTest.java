package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorEvents;
import dev.wren.sensor.SensorException;

/**
 * A third party's sensors and sink at their worst, all at once: a read that blocks, a read that floods,
 * a read that throws, a sink that takes 2 s per batch. Each is reported by name, and Wren's own health
 * sensor keeps delivering meanwhile; unregistered, they leave nothing behind in the sampler.
 */
class HostileSensorTest extends GatewayTestBase {

    private static final String BLOCKED = "hostile-block-it";
    private static final String FLOOD = "hostile-flood-it";
    private static final String THROWS = "hostile-throw-it";

    @InjectService(timeout = 20_000)
    LogReaderService logs;

    /** Blocks in every read until released. */
    static final class BlockingSensor implements Sensor {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public String id() {
            return BLOCKED;
        }

        @Override
        public List<Reading> read() throws SensorException {
            reads.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SensorException(SensorException.Fault.UNAVAILABLE, "interrupted");
            }
            return List.of(new Reading(BLOCKED, "temperature", 20, "degC", System.currentTimeMillis()));
        }
    }

    /** Answers 10 000 readings per read. */
    static final class FloodingSensor implements Sensor {
        @Override
        public String id() {
            return FLOOD;
        }

        @Override
        public List<Reading> read() {
            long now = System.currentTimeMillis();
            return IntStream.range(0, 10_000).mapToObj(i -> new Reading(FLOOD, "count", i, "", now)).toList();
        }
    }

    /** Throws from every read: an unchecked exception, or building a NaN reading. */
    static final class ThrowingSensor implements Sensor {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public String id() {
            return THROWS;
        }

        @Override
        public List<Reading> read() {
            if (reads.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("driver bug");
            }
            return List.of(new Reading(THROWS, "temperature", Double.NaN, "degC", System.currentTimeMillis()));
        }
    }

    /** Takes 2 s over every batch, noting the thread it is called on. */
    static final class SlowSink implements ReadingSink {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void accept(List<Reading> readings) {
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void hostileSensorsAndASlowSinkAreReportedByNameWhileWrensOwnSensorKeepsDelivering() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(EventConstants.EVENT_TOPIC, "dev/wren/sensor/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, handlerProps);

        CollectingSink health = new CollectingSink(false);
        CollectingSink flood = new CollectingSink(false);
        SlowSink slow = new SlowSink();
        BlockingSensor blocking = new BlockingSensor();
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        List<ServiceReference<?>> references = new ArrayList<>();
        ServiceRegistration<ReadingSink> slowReg = Gateway.register(context, slow, "(sensor.kind=health)");
        registrations.add(slowReg);
        registrations.add(Gateway.register(context, health, "(sensor.kind=health)"));
        registrations.add(Gateway.register(context, flood, "(sensor.id=" + FLOOD + ")"));
        String slowName = "dev.wren.itests#" + slowReg.getReference().getProperty("service.id");
        try (LogWatch log = new LogWatch(logs)) {
            registrations.add(context.registerService(Sensor.class, blocking, sensorProps(BLOCKED, 50L)));
            registrations.add(context.registerService(Sensor.class, new FloodingSensor(), sensorProps(FLOOD, 100L)));
            registrations.add(context.registerService(Sensor.class, new ThrowingSensor(), sensorProps(THROWS, 50L)));
            assertTrue(blocking.entered.await(Gateway.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the blocking read began");

            Gateway.await("the blocked read reported by the sensor's id",
                    () -> log.hasWarning("Sensor " + BLOCKED + ": read blocked for"), () -> messages(log));
            int before = health.size();
            Gateway.await("20 more health readings while the read stays blocked", () -> health.size() >= before + 20,
                    () -> Gateway.command(context, "sensors"));
            assertEquals(1, blocking.reads.get(), "the blocked sensor read again while its read is blocked");
            Gateway.await("the blocked sensor shown as blocked", () -> Gateway.command(context, "sensors")
                    .matches("(?s).*" + BLOCKED + "\\s+BLOCKED\\s.*"), () -> Gateway.command(context, "sensors"));

            Gateway.await("the slow sink moved off the sampler's thread, by name",
                    () -> log.hasWarning("Sink " + slowName + " took "), () -> messages(log));
            Gateway.await("the slow sink called from its own thread",
                    () -> slow.threads.stream().anyMatch(t -> t.equals("wren-sink-" + slowName)), () -> slow.threads);
            Gateway.await("the slow sink's queue full, dropping", () -> log.hasWarning("Sink " + slowName
                    + " does not keep up"), () -> Gateway.command(context, "sensors"));
            int later = health.size();
            Gateway.await("health readings on time beside the slow sink", () -> health.size() >= later + 20);

            Gateway.await("the flood reported by the sensor's id", () -> log.hasWarning("Sensor " + FLOOD
                    + " returned 10000 readings in one read, more than max.readings 256"), () -> messages(log));
            assertTrue(flood.size() > 0 && flood.batches.stream().allMatch(b -> b.size() == 256),
                    "batches of the flood: " + flood.batches.stream().map(List::size).toList());

            Gateway.await("the throwing sensor faulted, its reads counted as failures", () -> find(events, THROWS) != null,
                    () -> events);
            assertEquals("INTERNAL", find(events, THROWS).getProperty(SensorEvents.FAULT));
            assertEquals("TIMEOUT", find(events, BLOCKED).getProperty(SensorEvents.FAULT));
        } finally {
            for (ServiceRegistration<?> r : registrations) {
                references.add(r.getReference());
                r.unregister();
            }
            blocking.release.countDown();
            handler.unregister();
        }
        Gateway.await("the sampler holding none of them, its spare thread given back", () -> {
            String sensors = Gateway.command(context, "sensors");
            return !sensors.contains("hostile-") && !sensors.contains(slowName) && !sensors.contains("spare thread");
        }, () -> Gateway.command(context, "sensors"));
        assertEquals(0, context.getServiceReferences(Sensor.class, "(" + Sensor.ID + "=hostile-*)").size());
        assertTrue(references.stream().allMatch(r -> r.getBundle() == null), "a service of the test still registered");
    }

    private static Dictionary<String, Object> sensorProps(String id, long periodMs) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Sensor.ID, id);
        props.put(Sensor.KIND, "hostile");
        props.put("sampling.period.full.ms", periodMs);
        return props;
    }

    private static List<String> messages(LogWatch log) {
        return log.entries.stream().map(e -> String.valueOf(e.getMessage())).toList();
    }

    private static Event find(List<Event> events, String sensor) {
        return events.stream().filter(e -> e.getTopic().equals(SensorEvents.TOPIC_FAULTED)
                && sensor.equals(e.getProperty(SensorEvents.SENSOR))).findFirst().orElse(null);
    }
}
