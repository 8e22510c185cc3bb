package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.SensorEvents;

/** The Linux sources read a (fake) sysfs; a battery that is not there faults alone. */
class LinuxSourcesTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @Test
    void batteryAndThrottlingReadingsFlow() throws Exception {
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(|(sensor.kind=battery)(sensor.kind=throttling))");
        try {
            Gateway.await("battery and throttling readings", () -> latest(sink, "battery-it", "battery.soc") != null
                    && latest(sink, "throttling-it", "throttle.undervoltage") != null);
            assertEquals(87.0, latest(sink, "battery-it", "battery.soc").value());
            assertEquals(0.0, latest(sink, "battery-it", "power.external").value());
            assertEquals(1.0, latest(sink, "throttling-it", "throttle.undervoltage").value());
        } finally {
            reg.unregister();
        }
    }

    @Test
    void aMissingBatteryFaultsAndTheOthersKeepReading() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(EventConstants.EVENT_TOPIC, SensorEvents.TOPIC_FAULTED);
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, handlerProps);
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(sensor.kind=battery)");
        Configuration missing = cm.getFactoryConfiguration(Gateway.BATTERY, "missing", "?");
        try {
            Gateway.update(missing, Map.of("sensor.id", "battery-missing", "supply", "BAT9",
                    "power.supply.root", Gateway.fakeSysfs().resolve("power_supply").toString(),
                    "sampling.period.full.ms", 20L));
            Gateway.await("battery-missing faulted as ABSENT", () -> events.stream().anyMatch(e ->
                    "battery-missing".equals(e.getProperty(SensorEvents.SENSOR))
                            && "ABSENT".equals(e.getProperty(SensorEvents.FAULT))), () -> events);
            int before = sink.size();
            Gateway.await("battery-it still read", () -> sink.batches.subList(before, sink.size()).stream()
                    .anyMatch(b -> b.get(0).sensor().equals("battery-it")));
        } finally {
            missing.delete();
            reg.unregister();
            handler.unregister();
        }
    }

    @Test
    void aRefusedBatteryConfigurationKeepsTheLastGoodOne() throws Exception {
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(sensor.kind=battery)");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getFactoryConfiguration(Gateway.BATTERY, "it", "?"), Map.of("sensor.id", "battery-it",
                    "supply", "../../etc", "power.supply.root", Gateway.fakeSysfs().resolve("power_supply").toString(),
                    "sampling.period.full.ms", 50L));
            Gateway.await("an error naming supply", () -> log.hasError("supply: must be a name under"));
            int before = sink.size();
            Gateway.await("battery-it still read", () -> sink.batches.subList(before, sink.size()).stream()
                    .anyMatch(b -> b.get(0).sensor().equals("battery-it")));
        } finally {
            reg.unregister();
            cm.getFactoryConfiguration(Gateway.BATTERY, "it", "?").delete();
            Gateway.configure(cm);
        }
    }

    private static Reading latest(CollectingSink sink, String sensor, String quantity) {
        Reading found = null;
        for (List<Reading> batch : sink.batches) {
            for (Reading r : batch) {
                if (r.sensor().equals(sensor) && r.quantity().equals(quantity)) {
                    found = r;
                }
            }
        }
        return found;
    }
}
