package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorEvents;
import dev.wren.sensor.SensorException;

/** A failing sensor is marked faulted and recovers; the other sensors keep running meanwhile. */
class SensorFaultTest extends GatewayTestBase {

    /** Fails its first {@code failures} reads with a bus error, then answers. */
    static final class FlakySensor implements Sensor {
        final AtomicInteger reads = new AtomicInteger();
        private final int failures;

        FlakySensor(int failures) {
            this.failures = failures;
        }

        @Override
        public String id() {
            return "flaky-it";
        }

        @Override
        public List<Reading> read() throws SensorException {
            if (reads.incrementAndGet() <= failures) {
                throw new SensorException(SensorException.Fault.BUS_ERROR, "no ACK from 0x76 on the test bus");
            }
            return List.of(new Reading(id(), "temperature", 21.5, "degC", System.currentTimeMillis()));
        }
    }

    @Test
    void faultedSensorIsAnnouncedRetriedAndRecoversWhileOthersRun() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(EventConstants.EVENT_TOPIC, "dev/wren/sensor/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, handlerProps);

        CollectingSink health = new CollectingSink(false);
        CollectingSink flaky = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, health, "(sensor.kind=health)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, flaky, "(sensor.id=flaky-it)");

        FlakySensor sensor = new FlakySensor(5);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Sensor.ID, "flaky-it");
        props.put(Sensor.KIND, "test");
        props.put("sampling.period.full.ms", 20L);
        ServiceRegistration<Sensor> reg = context.registerService(Sensor.class, sensor, props);
        try {
            Gateway.await("a FAULTED event for flaky-it", () -> find(events, SensorEvents.TOPIC_FAULTED) != null, () -> events);
            Event faulted = find(events, SensorEvents.TOPIC_FAULTED);
            assertEquals("BUS_ERROR", faulted.getProperty(SensorEvents.FAULT));
            int healthBefore = health.size();
            Gateway.await("a RECOVERED event for flaky-it", () -> find(events, SensorEvents.TOPIC_RECOVERED) != null, () -> events);
            Gateway.await("readings from the recovered sensor", () -> flaky.size() >= 1);
            Gateway.await("health readings while the other sensor was faulted", () -> health.size() > healthBefore);
            assertEquals(1, events.stream().filter(e -> e.getTopic().equals(SensorEvents.TOPIC_FAULTED)
                    && "flaky-it".equals(e.getProperty(SensorEvents.SENSOR))).count(), "faulted announced once");
        } finally {
            reg.unregister();
            r1.unregister();
            r2.unregister();
            handler.unregister();
        }
    }

    @Test
    void sensorPresentBeforeTheSamplerStartsIsStillRetriedAndRecovers() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(EventConstants.EVENT_TOPIC, "dev/wren/sensor/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, handlerProps);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Sensor.ID, "flaky-it");
        props.put("sampling.period.full.ms", 20L);
        ServiceRegistration<Sensor> reg = null;
        try {
            Configuration sampler = cm.getConfiguration(Gateway.SAMPLER, "?");
            Object kuraPid = sampler.getProperties() == null ? null : sampler.getProperties().get(Gateway.KURA_SERVICE_PID);
            sampler.delete();
            reg = context.registerService(Sensor.class, new FlakySensor(5), props);
            Gateway.configure(cm);
            if (kuraPid != null) { // written again, as Kura's configuration service writes it
                Dictionary<String, Object> again = cm.getConfiguration(Gateway.SAMPLER, "?").getProperties();
                again.put(Gateway.KURA_SERVICE_PID, kuraPid);
                cm.getConfiguration(Gateway.SAMPLER, "?").update(again);
            }
            Gateway.await("FAULTED then RECOVERED for a sensor bound before activation",
                    () -> find(events, SensorEvents.TOPIC_RECOVERED) != null, () -> events);
        } finally {
            if (reg != null) {
                reg.unregister();
            }
            handler.unregister();
        }
    }

    @Test
    void aSinkThrowingAnErrorDoesNotStopSampling() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ReadingSink failing = readings -> {
            calls.incrementAndGet();
            throw new AssertionError("an Error, not an Exception");
        };
        CollectingSink good = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, failing, "(sensor.kind=health)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, good, "(sensor.kind=health)");
        try {
            Gateway.await("five reads past a sink that throws an Error", () -> calls.get() >= 5 && good.size() >= 5);
        } finally {
            r1.unregister();
            r2.unregister();
        }
    }

    private static Event find(List<Event> events, String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)
                && "flaky-it".equals(e.getProperty(SensorEvents.SENSOR))).findFirst().orElse(null);
    }
}
